import type { z } from 'zod';
import { parseUntrustedValue } from '../graph/untrustedJson';

/** GET a console endpoint and validate it, with an error that says which endpoint failed and how. */
export async function fetchJson<T>(path: string, schema: z.ZodType<T>): Promise<T> {
  const response = await fetch(path, { headers: { accept: 'application/json' } });
  if (!response.ok) throw new Error(`${path} answered ${response.status} ${response.statusText}`.trim());
  const parsed = parseUntrustedValue(await response.json(), schema, { what: `${path}'s answer`, expected: 'in the expected shape' });
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.value;
}

import type { z } from 'zod';

/** GET a console endpoint and validate it, with an error that says which endpoint failed and how. */
export async function fetchJson<T>(path: string, schema: z.ZodType<T>): Promise<T> {
  const response = await fetch(path, { headers: { accept: 'application/json' } });
  if (!response.ok) throw new Error(`${path} answered ${response.status} ${response.statusText}`.trim());
  const parsed = schema.safeParse(await response.json());
  if (!parsed.success) throw new Error(`${path} answered in an unexpected shape: ${parsed.error.issues[0]?.message ?? 'unknown'}`);
  return parsed.data;
}

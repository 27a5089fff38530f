import type { z } from 'zod';
import { consoleErrorSchema } from '../graph/sessions';

/** A console endpoint refused: `status` tells a caller whether trying again could help. */
export class ConsoleApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = 'ConsoleApiError';
  }
}

/**
 * Sends a request to a console endpoint (`/api/...`) and validates the answer, with an
 * error that says which endpoint failed and, from the console's error body, why.
 */
export async function sendJson<T>(method: string, path: string, options: { body?: unknown; schema?: z.ZodType<T> } = {}): Promise<T | undefined> {
  const response = await fetch(path, {
    method,
    headers: { accept: 'application/json', ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
  });
  const text = await response.text();
  const json = parseJson(text);
  if (!response.ok) {
    const error = consoleErrorSchema.safeParse(json);
    throw new ConsoleApiError(`${method} ${path} answered ${response.status}${error.success ? `: ${error.data.error.message}` : ''}`, response.status);
  }
  if (!options.schema) return undefined;
  const parsed = options.schema.safeParse(json);
  if (!parsed.success) throw new Error(`${method} ${path} answered in an unexpected shape: ${parsed.error.issues[0]?.message ?? 'unknown'}`);
  return parsed.data;
}

function parseJson(text: string): unknown {
  try {
    return text === '' ? undefined : (JSON.parse(text) as unknown);
  } catch {
    return undefined;
  }
}

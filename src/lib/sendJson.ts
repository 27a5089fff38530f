import type { z } from 'zod';
import { consoleErrorSchema } from '../graph/sessions';
import { parseUntrustedJson } from '../graph/untrustedJson';

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
  if (!response.ok) {
    const error = parseUntrustedJson(text, consoleErrorSchema, { what: 'The error' });
    throw new ConsoleApiError(`${method} ${path} answered ${response.status}${error.ok ? `: ${error.value.error.message}` : ''}`, response.status);
  }
  if (!options.schema) return undefined;
  const parsed = parseUntrustedJson(text, options.schema, { what: `${method} ${path}'s answer`, expected: 'in the expected shape' });
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.value;
}

/**
 * The one way untrusted JSON is read, at every boundary (request bodies on the
 * server and in msw, answers in the browser, imported files): bounded nesting,
 * JSON.parse, then a zod schema, with z.prettifyError's text as the one error
 * format, so a problem reads the same wherever it is met.
 */
import { z } from 'zod';
import { jsonNestsDeeperThan } from './jsonDepth';

export type UntrustedJson<T> =
  /** `value` is the schema's output; `json`, what the text said, unknown fields and all. */
  | { ok: true; value: T; json: unknown }
  | { ok: false; problem: 'too-deep' | 'not-json' | 'invalid'; message: string; error?: z.ZodError };

export interface ParseOptions {
  /** What is being read, as the subject of a sentence: "The body", "GET /api/sessions's answer". */
  what: string;
  /** What it should have been, for the message: "commsNotifications"; default "valid". */
  expected?: string;
  /** Refused before parsing when it opens more nested arrays/objects than this. */
  maxDepth?: number;
  /** The value an empty (or blank) text stands for; without it, empty text is not JSON. */
  emptyMeans?: unknown;
}

/** The schema's problems with a value, one `✖ message → at path` entry each. */
export function describeProblems(error: z.ZodError): string {
  return z.prettifyError(error);
}

export function parseUntrustedJson<T>(text: string, schema: z.ZodType<T>, options: ParseOptions): UntrustedJson<T> {
  const expected = options.expected ?? 'valid';
  if (options.maxDepth !== undefined && jsonNestsDeeperThan(text, options.maxDepth)) {
    return { ok: false, problem: 'too-deep', message: `${options.what} nests deeper than ${options.maxDepth} levels, which no ${expected} body does.` };
  }
  let json: unknown = options.emptyMeans;
  if (options.emptyMeans === undefined || text.trim() !== '') {
    try {
      json = JSON.parse(text);
    } catch (error) {
      return { ok: false, problem: 'not-json', message: `${options.what} is not JSON: ${error instanceof Error ? error.message : String(error)}` };
    }
  }
  return parseUntrustedValue(json, schema, options);
}

/** The same check for a value already parsed (a fetch answer's `json()`, a JSON file a library read). */
export function parseUntrustedValue<T>(json: unknown, schema: z.ZodType<T>, options: Pick<ParseOptions, 'what' | 'expected'>): UntrustedJson<T> {
  const parsed = schema.safeParse(json);
  if (parsed.success) return { ok: true, value: parsed.data, json };
  return { ok: false, problem: 'invalid', message: `${options.what} is not ${options.expected ?? 'valid'}:\n${describeProblems(parsed.error)}`, error: parsed.error };
}

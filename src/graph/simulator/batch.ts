/**
 * Graph's JSON batching (`POST /{version}/$batch`), which mgt uses to look up a
 * person and their photo in one request. Each inner request is answered by the
 * same handler as a direct one.
 */
import { z } from 'zod';
import type { GraphHttpRequest, GraphHttpResponse } from './http';

/** Graph accepts at most 20 requests in one batch. */
export const MAX_BATCH_REQUESTS = 20;

export const batchBodySchema = z.object({
  requests: z
    .array(
      z.object({
        id: z.string(),
        method: z.string(),
        url: z.string(),
        headers: z.record(z.string(), z.string()).optional(),
        body: z.unknown().optional(),
      }),
    )
    .min(1)
    .max(MAX_BATCH_REQUESTS),
});
export type BatchBody = z.infer<typeof batchBodySchema>;

/** The path an inner request names, under the batch's version: `users/1` in a v1.0 batch is `/v1.0/users/1`. */
export function innerPath(version: string, url: string): string {
  const withoutQuery = url.split('?')[0] ?? '';
  return `/${version}/${withoutQuery.replace(/^\/+/, '')}`;
}

export function answerBatch(
  version: string,
  body: BatchBody,
  answer: (request: GraphHttpRequest) => GraphHttpResponse,
): { responses: { id: string; status: number; headers: Record<string, string>; body?: unknown }[] } {
  return {
    responses: body.requests.map((inner) => {
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(inner.headers ?? {})) headers[name.toLowerCase()] = value;
      const result = answer({
        method: inner.method.toUpperCase(),
        path: innerPath(version, inner.url),
        headers,
        body: inner.body === undefined ? '' : JSON.stringify(inner.body),
      });
      return { id: inner.id, status: result.status, headers: result.headers, ...(result.body === undefined ? {} : { body: result.body }) };
    }),
  };
}

/** The simulator's answer to a JSON batch (src/graph/batch.ts): each inner request is answered by the same handler as a direct one. */
import type { BatchBody } from '../batch';
import type { GraphHttpRequest, GraphHttpResponse } from './http';

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

/**
 * JSON batches (`POST /{version}/$batch`): mgt's Person fetches a user and
 * their photo in one. A batch could carry any request, so each one inside is
 * held to the same allow-list as a direct request (and must be a GET), and
 * the batch sent to Graph is rebuilt from the checked requests only.
 */
import { z } from 'zod';
import { routeGraphRequest } from './graph-allow-list';

/** Graph's own limit. */
const MAX_BATCH_REQUESTS = 20;
/** Headers a batched GET may carry. */
const ALLOWED_INNER_HEADERS = new Set(['accept', 'consistencylevel', 'content-type']);

const batchSchema = z.object({
  requests: z
    .array(
      z.object({
        id: z.string().min(1).max(64),
        method: z.string(),
        url: z.string().max(2048),
        headers: z.record(z.string(), z.string()).optional(),
        dependsOn: z.array(z.string()).optional(),
      }),
    )
    .min(1)
    .max(MAX_BATCH_REQUESTS),
});

export type BatchCheck = { ok: true; body: string } | { ok: false; status: 400 | 403; reason: string };

export function checkBatch(version: string, bodyText: string): BatchCheck {
  let json: unknown;
  try {
    json = JSON.parse(bodyText);
  } catch {
    return { ok: false, status: 400, reason: 'the batch is not JSON' };
  }
  const parsed = batchSchema.safeParse(json);
  if (!parsed.success) return { ok: false, status: 400, reason: `not a JSON batch: ${parsed.error.issues[0]?.message ?? 'invalid'}` };

  const rebuilt = [];
  for (const request of parsed.data.requests) {
    if (request.method.toUpperCase() !== 'GET') return { ok: false, status: 403, reason: `batched request "${request.id}": only GET is allowed in a batch` };
    const url = request.url.startsWith('/') ? request.url : `/${request.url}`;
    const queryAt = url.indexOf('?');
    const path = queryAt === -1 ? url : url.slice(0, queryAt);
    const query = queryAt === -1 ? '' : url.slice(queryAt);
    const route = routeGraphRequest('GET', `/${version}${path}`, query);
    if (route.kind !== 'forward') {
      const reason = route.kind === 'refused' ? route.reason : 'it is answered by the console, not Graph';
      return { ok: false, status: 403, reason: `batched request "${request.id}" (${request.url.slice(0, 100)}): ${reason}` };
    }
    const headers = Object.fromEntries(Object.entries(request.headers ?? {}).filter(([name]) => ALLOWED_INNER_HEADERS.has(name.toLowerCase())));
    rebuilt.push({
      id: request.id,
      method: 'GET',
      // The checked path without its version segment (a batch is relative to its own version), and the checked query.
      url: `${route.upstreamPath.slice(version.length + 1)}${route.query}`,
      ...(Object.keys(headers).length > 0 ? { headers } : {}),
      ...(request.dependsOn ? { dependsOn: request.dependsOn } : {}),
    });
  }
  return { ok: true, body: JSON.stringify({ requests: rebuilt }) };
}

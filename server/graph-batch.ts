/**
 * JSON batches (`POST /{version}/$batch`): mgt's Person fetches a user and
 * their photo in one. A batch could carry any request, so each one inside is
 * held to the same allow-list as a direct request (and must be a GET), and
 * the batch sent to Graph is rebuilt from the checked requests only.
 */
import { batchBodySchema } from '../src/graph/batch';
import { parseUntrustedJson } from '../src/graph/untrustedJson';
import { routeGraphRequest } from './graph-allow-list';

/** Headers a batched GET may carry. */
const ALLOWED_INNER_HEADERS = new Set(['accept', 'consistencylevel', 'content-type']);

export type BatchCheck = { ok: true; body: string } | { ok: false; status: 400 | 403; reason: string };

export function checkBatch(version: string, bodyText: string): BatchCheck {
  const parsed = parseUntrustedJson(bodyText, batchBodySchema, { what: 'the batch', expected: 'a JSON batch' });
  if (!parsed.ok) return { ok: false, status: 400, reason: parsed.message };

  const rebuilt = [];
  for (const request of parsed.value.requests) {
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

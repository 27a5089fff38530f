/**
 * What Graph may ever receive from the console's /graph proxy, written down
 * independently of server/graph-allow-list.ts (from docs/architecture.md and what the UI
 * uses) so the proxy fuzz test checks the proxy against a second opinion:
 * calls and their actions, operations and participants; users and their
 * photo; batches of those GETs. No dot or empty segments, nothing that
 * decodes to a slash, backslash or percent, only `$select` in the query, and
 * the app token as the only credential.
 */
import type { UpstreamRequest } from '../../test-support/fake-upstream';

const ID = /^[A-Za-z0-9][A-Za-z0-9._:-]*$/;
const USER = /^[A-Za-z0-9][A-Za-z0-9._:@#'+-]*$/;
const ACTION = /^[A-Za-z]+$/;
const SELECT = /^\$select=[A-Za-z0-9,.@]+$/;
const BATCH_HEADERS = new Set(['accept', 'consistencylevel', 'content-type']);

function decodedSegments(path: string): string[] | string {
  if (!path.startsWith('/')) return 'path does not start with /';
  const segments: string[] = [];
  for (const raw of path.slice(1).split('/')) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(raw);
    } catch {
      return `undecodable segment ${raw}`;
    }
    if (decoded === '' || decoded === '.' || decoded === '..') return `empty or dot segment in ${path}`;
    if (/[/\\%]/.test(decoded) || [...decoded].some((ch) => ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f)) return `segment ${raw} decodes to a separator, percent or control character`;
    segments.push(decoded);
  }
  return segments;
}

function callRestViolation(method: string, rest: string[]): string | undefined {
  const [first, second, third, ...beyond] = rest;
  if (beyond.length > 0) return 'too deep under a call';
  if (first === undefined) return ['GET', 'PATCH', 'DELETE'].includes(method) ? undefined : `${method} on a call`;
  if (first === 'operations') return method === 'GET' && second !== undefined && ID.test(second) && third === undefined ? undefined : 'operations are only read, one at a time';
  if (first === 'participants') {
    if (second === undefined) return method === 'GET' ? undefined : `${method} on participants`;
    if (!ID.test(second)) return 'not a participant id';
    // Any call method on one participant: Graph defines GET and DELETE; the proxy also lets POST and PATCH through
    // (Graph answers those 405), which stays within the call, so it is not counted as a breach here.
    if (third === undefined) return ['GET', 'POST', 'PATCH', 'DELETE'].includes(method) ? undefined : `${method} on a participant`;
    return method === 'POST' && ACTION.test(third) ? undefined : 'not a participant action';
  }
  return method === 'POST' && ACTION.test(first) && second === undefined ? undefined : `not a call action: ${method} ${first}`;
}

/** Why a request must never have reached Graph; undefined when it is one the console may send. */
export function pathViolation(method: string, target: string): string | undefined {
  const queryAt = target.indexOf('?');
  const path = queryAt === -1 ? target : target.slice(0, queryAt);
  const query = queryAt === -1 ? '' : target.slice(queryAt + 1);
  if (target.includes('#')) return 'a fragment';
  if (query !== '' && !query.split('&').every((part) => SELECT.test(part))) return `query ${query}`;
  const segments = decodedSegments(path);
  if (typeof segments === 'string') return segments;
  const [version, root, ...rest] = segments;
  if (version !== 'v1.0' && version !== 'beta') return `version ${String(version)}`;
  if (root === 'users') {
    const [user, photo, value, ...beyond] = rest;
    if (method !== 'GET') return `${method} on a user`;
    if (user === undefined || !USER.test(user) || beyond.length > 0) return 'not users/{id}[/photo[/$value]]';
    if (photo !== undefined && (photo !== 'photo' || (value !== undefined && value !== '$value'))) return 'not users/{id}[/photo[/$value]]';
    return undefined;
  }
  if (root === '$batch') return method === 'POST' && rest.length === 0 && query === '' ? undefined : 'not POST $batch';
  let callRest: string[];
  if (root === 'communications' && rest[0] === 'calls' && rest[1] !== undefined) callRest = rest.slice(1);
  else if (version === 'beta' && root === 'app' && rest[0] === 'calls' && rest[1] !== undefined) callRest = rest.slice(1);
  else if (version === 'beta' && root === 'applications' && rest[0] !== undefined && ID.test(rest[0]) && rest[1] === 'calls' && rest[2] !== undefined) callRest = rest.slice(2);
  else return `not a call or user path: /${segments.join('/')}`;
  const [callId, ...afterCall] = callRest as [string, ...string[]];
  if (!ID.test(callId) || callId.toLowerCase() === 'logteleconferencedevicequality') return `not a call id: ${callId}`;
  if (query !== '' && method !== 'GET') return 'a query on a call action';
  return callRestViolation(method, afterCall);
}

function batchViolation(version: string, body: string): string | undefined {
  let batch: unknown;
  try {
    batch = JSON.parse(body);
  } catch {
    return 'batch body is not JSON';
  }
  const requests = (batch as { requests?: unknown }).requests;
  if (!Array.isArray(requests) || requests.length === 0 || requests.length > 20) return 'batch without 1-20 requests';
  for (const inner of requests as { method?: unknown; url?: unknown; headers?: unknown }[]) {
    if (inner.method !== 'GET') return `batched ${String(inner.method)}`;
    if (typeof inner.url !== 'string') return 'batched request without url';
    const url = inner.url.startsWith('/') ? inner.url : `/${inner.url}`;
    const why = pathViolation('GET', `/${version}${url}`);
    if (why) return `batched ${inner.url}: ${why}`;
    const headerNames = Object.keys((inner.headers as Record<string, unknown> | undefined) ?? {});
    if (headerNames.some((name) => !BATCH_HEADERS.has(name.toLowerCase()))) return `batched headers ${headerNames.join(',')}`;
  }
  return undefined;
}

/** Why an upstream request breaks the rules (path, credentials, batch contents); undefined when it is fine. */
export function upstreamViolation(request: UpstreamRequest, graphToken: string): string | undefined {
  if (request.headers.authorization !== `Bearer ${graphToken}`) return `authorization ${String(request.headers.authorization)}`;
  for (const name of ['cookie', 'x-console-token', 'x-forward-secret', 'x-forwarded-for', 'forwarded', 'origin']) {
    if (request.headers[name] !== undefined) return `passed on ${name}`;
  }
  const why = pathViolation(request.method, request.url);
  if (why) return why;
  const version = request.url.split('/')[1] ?? '';
  return request.url.split('?')[0]?.endsWith('/$batch') ? batchViolation(version, request.body) : undefined;
}

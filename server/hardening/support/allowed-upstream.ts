/**
 * What Graph may ever receive from the console's /graph proxy, written down
 * independently of server/graph-allow-list.ts (from docs/architecture.md and what the UI
 * uses) so the proxy fuzz test checks the proxy against a second opinion:
 * reading calls, their operations and participants; posting the media actions
 * the console sends; one user (by GUID or user principal name) and their
 * photo; batches of those GETs. No dot or empty segments, nothing that
 * decodes to a slash, backslash or percent, only a `$select` of mgt's person
 * fields on a user, and the app token as the only credential.
 */
import type { UpstreamRequest } from '../../test-support/fake-upstream';

const ID = /^[A-Za-z0-9][A-Za-z0-9._:-]*$/;
const USER = /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[A-Za-z0-9._'+#-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)$/i;
const ACTIONS = new Set(['cancelMediaProcessing', 'playPrompt', 'record', 'recordResponse', 'subscribeToTone']);
const PERSON_FIELDS = new Set(['businessPhones', 'displayName', 'givenName', 'jobTitle', 'department', 'mail', 'mobilePhone', 'officeLocation', 'preferredLanguage', 'surname', 'userPrincipalName', 'id', 'userType']);
const SELECT = /^\$select=([A-Za-z]+(?:,[A-Za-z]+)*)$/;
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
  if (beyond.length > 0 || third !== undefined) return 'too deep under a call';
  if (first === undefined) return method === 'GET' ? undefined : `${method} on a call`;
  if (first === 'operations') return method === 'GET' && second !== undefined && ID.test(second) ? undefined : 'operations are only read, one at a time';
  if (first === 'participants') return method === 'GET' && (second === undefined || ID.test(second)) ? undefined : 'participants are only read';
  return method === 'POST' && ACTIONS.has(first) && second === undefined ? undefined : `not a console action: ${method} ${first}`;
}

/** Why a request must never have reached Graph; undefined when it is one the console may send. */
export function pathViolation(method: string, target: string): string | undefined {
  const queryAt = target.indexOf('?');
  const path = queryAt === -1 ? target : target.slice(0, queryAt);
  const query = queryAt === -1 ? '' : target.slice(queryAt + 1);
  if (target.includes('#')) return 'a fragment';
  if (query !== '') {
    const fields = SELECT.exec(query)?.[1]?.split(',') ?? [];
    if (fields.length === 0 || fields.some((field) => !PERSON_FIELDS.has(field)) || new Set(fields).size !== fields.length) return `query ${query}`;
  }
  const segments = decodedSegments(path);
  if (typeof segments === 'string') return segments;
  const [version, root, ...rest] = segments;
  if (version !== 'v1.0' && version !== 'beta') return `version ${String(version)}`;
  if (root === 'users') {
    const [user, photo, value, ...beyond] = rest;
    if (method !== 'GET') return `${method} on a user`;
    if (user === undefined || !USER.test(user) || beyond.length > 0) return 'not users/{id}[/photo[/$value]]';
    if (photo !== undefined && (photo !== 'photo' || (value !== undefined && value !== '$value'))) return 'not users/{id}[/photo[/$value]]';
    if (photo !== undefined && query !== '') return 'a query on a photo';
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
  if (query !== '') return 'a query on a call';
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

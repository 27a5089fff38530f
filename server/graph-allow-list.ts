/**
 * What the /graph proxy may forward (docs/architecture.md, "The /graph
 * allow-list"), judged on the path it will actually send: the raw path is
 * split into segments, each decoded exactly once and checked. Anything that
 * could be read two ways (encoded slashes, dots, backslashes, double encoding,
 * empty segments) is refused outright.
 */
import { batchBodySchema } from '../src/graph/batch';
import { isGuid } from '../src/graph/ids';
import { parseUntrustedJson } from '../src/graph/untrustedJson';
import { ACTION_PARAMETERS } from '../src/graph/wire/parameters';

export type GraphRoute =
  /** Forward to Graph at `upstreamPath` (version first, segments re-encoded) with `query`. */
  | { kind: 'forward'; upstreamPath: string; query: string }
  /** GET /{version}/me: answered by the server with a description of the app. */
  | { kind: 'me' }
  /** GET /{version}/me/photo[/$value]: the app has no photo. */
  | { kind: 'me-photo' }
  /** POST /{version}/$batch (mgt fetches a user and their photo in one): each request inside is checked too. */
  | { kind: 'batch'; version: string; upstreamPath: string }
  | { kind: 'refused'; reason: string };

const VERSIONS = new Set(['v1.0', 'beta']);
/** RFC 3986 pchar plus '/' and '%': anything else in a raw path is refused before decoding. */
const RAW_PATH_CHARACTERS = /^[A-Za-z0-9\-._~!$&'()*+,;=:@/%]*$/;
/** Call, operation and participant ids (GUIDs in practice). */
const ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,199}$/;
/** A user principal name (guests' carry #EXT#). Only a GUID or this names one user: `delta`, `$count` and the like name many. */
const USER_PRINCIPAL_NAME = /^[A-Za-z0-9._'+#-]{1,113}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63})+$/;
/** Functions on the calls collection that would otherwise look like a call id. */
const COLLECTION_FUNCTIONS = new Set(['logteleconferencedevicequality']);
/**
 * The actions the console posts on a call (the cancel, and the media it queues to have something to
 * cancel), in any version, as the one Graph model declares and spells them. Graph reads paths without
 * regard to letter case, so they are matched the same way and forwarded in this spelling. transfer,
 * redirect, reject, answer, updateRecordingStatus... are not the console's to send.
 */
const CALL_ACTIONS = [...new Set(Object.values(ACTION_PARAMETERS).flatMap((actions) => Object.keys(actions)))];
/** The fields mgt's Person asks for (`defaultPersonProperties` in mgt-components): the only `$select` forwarded. */
const MGT_PERSON_FIELDS = [
  'businessPhones', 'displayName', 'givenName', 'jobTitle', 'department', 'mail', 'mobilePhone',
  'officeLocation', 'preferredLanguage', 'surname', 'userPrincipalName', 'id', 'userType',
];

const canonical = (words: readonly string[]) => new Map(words.map((word) => [word.toLowerCase(), word]));
const CALL_ACTION_SPELLING = canonical(CALL_ACTIONS);
const SELECT_FIELD_SPELLING = canonical(MGT_PERSON_FIELDS);

/** Whether `segment` is `keyword` in any letter case. */
const is = (segment: string | undefined, keyword: string): boolean => segment !== undefined && segment.toLowerCase() === keyword.toLowerCase();

const refused = (reason: string): GraphRoute => ({ kind: 'refused', reason });

/** Decodes one raw segment exactly once, refusing anything ambiguous. */
function decodeSegment(raw: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    return undefined;
  }
  if (decoded === '' || decoded === '.' || decoded === '..') return undefined;
  // '%' left after decoding is double encoding; '/' or '\' would be a hidden segment break.
  // eslint-disable-next-line no-control-regex -- control characters are what it refuses
  if (/[%/\\\u0000-\u001f\u007f]/.test(decoded)) return undefined;
  return decoded;
}

/** Percent-encodes a checked segment, keeping the characters Graph paths use literally. */
function encodeSegment(segment: string): string {
  return encodeURIComponent(segment).replace(/%24/g, '$').replace(/%40/g, '@').replace(/%3A/g, ':');
}

/**
 * The query, rebuilt: nothing, or (where `selectAllowed`) one `$select` of fields mgt asks for,
 * each at most once. undefined when the query holds anything else.
 */
function checkQuery(rawQuery: string, selectAllowed: boolean): string | undefined {
  const params = [...new URLSearchParams(rawQuery.slice(1))];
  if (params.length === 0) return '';
  const [first, ...others] = params;
  if (!selectAllowed || others.length > 0 || first?.[0] !== '$select') return undefined;
  const fields: string[] = [];
  for (const field of first[1].split(',')) {
    const spelled = SELECT_FIELD_SPELLING.get(field.toLowerCase());
    if (spelled === undefined || fields.includes(spelled)) return undefined;
    fields.push(spelled);
  }
  return `?$select=${fields.join(',')}`;
}

type Allowed = { path: string[]; selectAllowed: boolean };
type Resolved = Allowed | { refused: string };

/** The call's own segments after its prefix: the call, its operations and participants (GET), the console's actions (POST). */
function resolveCallRest(method: string, rest: readonly string[]): Allowed | undefined {
  const [first, second] = rest;
  if (rest.length > 2) return undefined;
  if (first === undefined) return method === 'GET' ? { path: [], selectAllowed: false } : undefined;
  if (is(first, 'operations')) return method === 'GET' && second !== undefined && ID.test(second) ? { path: ['operations', second], selectAllowed: false } : undefined;
  if (is(first, 'participants')) {
    if (method !== 'GET') return undefined;
    if (second === undefined) return { path: ['participants'], selectAllowed: false };
    return ID.test(second) ? { path: ['participants', second], selectAllowed: false } : undefined;
  }
  const action = CALL_ACTION_SPELLING.get(first.toLowerCase());
  return method === 'POST' && action !== undefined && second === undefined ? { path: [action], selectAllowed: false } : undefined;
}

/** A call path (`communications/calls/{id}`, or the 2018 beta's `app/calls/{id}` and `applications/{app}/calls/{id}`), in Graph's spelling. */
function resolveCall(method: string, version: string, rest: readonly string[]): Resolved | undefined {
  const [first, second, third] = rest;
  let prefix: string[];
  if ((is(first, 'communications') || (version === 'beta' && is(first, 'app'))) && is(second, 'calls')) {
    prefix = [is(first, 'app') ? 'app' : 'communications', 'calls'];
  } else if (version === 'beta' && is(first, 'applications') && second !== undefined && is(third, 'calls')) {
    if (!ID.test(second)) return { refused: 'not an application id' };
    prefix = ['applications', second, 'calls'];
  } else {
    return undefined;
  }
  const callAt = prefix.length;
  const callId = rest[callAt];
  if (callId === undefined) return { refused: 'the calls collection is not forwarded, only one call' };
  if (!ID.test(callId) || COLLECTION_FUNCTIONS.has(callId.toLowerCase())) return { refused: 'not a call id' };
  const after = resolveCallRest(method, rest.slice(callAt + 1));
  if (!after) {
    return { refused: `${method} ${rest.slice(callAt + 1).join('/') || '(the call)'} is not forwarded: only reading the call, its operations and participants, and posting ${CALL_ACTIONS.join(', ')}` };
  }
  return { path: [...prefix, callId, ...after.path], selectAllowed: false };
}

/** One user by id (mgt's Person), and their photo. */
function resolveUser(method: string, rest: readonly string[]): Resolved {
  const message = 'only users/{id}, users/{id}/photo and users/{id}/photo/$value are forwarded, {id} a GUID or user principal name';
  const [, user, third, fourth, ...beyond] = rest;
  if (method !== 'GET') return { refused: 'users are only read' };
  if (user === undefined || !(isGuid(user) || USER_PRINCIPAL_NAME.test(user)) || beyond.length > 0) return { refused: message };
  if (third === undefined) return { path: ['users', user], selectAllowed: true };
  if (!is(third, 'photo')) return { refused: message };
  if (fourth === undefined) return { path: ['users', user, 'photo'], selectAllowed: false };
  return is(fourth, '$value') ? { path: ['users', user, 'photo', '$value'], selectAllowed: false } : { refused: message };
}

/**
 * Classifies the raw request path after the `/graph` prefix (e.g. `/v1.0/communications/calls/x`)
 * and its raw query (with '?', or '').
 */
export function routeGraphRequest(method: string, rawPath: string, rawQuery: string): GraphRoute {
  if (!rawPath.startsWith('/')) return refused('not a path');
  if (!RAW_PATH_CHARACTERS.test(rawPath)) return refused('the path holds characters a Graph path never has');
  const segments: string[] = [];
  for (const raw of rawPath.slice(1).split('/')) {
    const decoded = decodeSegment(raw);
    if (decoded === undefined) return refused('the path has an empty, dot, encoded-slash or double-encoded segment');
    segments.push(decoded);
  }
  const [version, ...rest] = segments;
  if (version === undefined || !VERSIONS.has(version)) return refused('the version must be v1.0 or beta');
  const [first, second, third, fourth] = rest;

  if (is(first, '$batch') && second === undefined) {
    if (method !== 'POST' || checkQuery(rawQuery, false) !== '') return refused('a batch is a POST without a query');
    return { kind: 'batch', version, upstreamPath: `/${version}/$batch` };
  }

  if (is(first, 'me') && rest.length <= 3) {
    if (method !== 'GET') return refused('only GET /me is answered');
    if (second === undefined) return { kind: 'me' };
    if (is(second, 'photo') && (third === undefined || is(third, '$value')) && fourth === undefined) return { kind: 'me-photo' };
    return refused('only /me and /me/photo/$value are answered');
  }

  const resolved = is(first, 'users') ? resolveUser(method, rest) : resolveCall(method, version, rest);
  if (resolved === undefined) return refused('the console forwards only calls (and their actions, operations and participants) and users');
  if ('refused' in resolved) return refused(resolved.refused);
  const query = checkQuery(rawQuery, resolved.selectAllowed);
  if (query === undefined) {
    return refused(resolved.selectAllowed ? `only $select of ${MGT_PERSON_FIELDS.join(', ')} (each once) is allowed in the query` : 'no query is forwarded here');
  }
  return { kind: 'forward', upstreamPath: `/${[version, ...resolved.path].map(encodeSegment).join('/')}`, query };
}

/** Headers a batched GET may carry. */
const ALLOWED_INNER_HEADERS = new Set(['accept', 'consistencylevel', 'content-type']);

export type BatchCheck = { ok: true; body: string } | { ok: false; status: 400 | 403; reason: string };

/**
 * A JSON batch (`POST /{version}/$batch`: mgt's Person fetches a user and their photo in one) could
 * carry any request, so each one inside is held to the same allow-list as a direct request (and must
 * be a GET), and the batch sent to Graph is rebuilt from the checked requests only.
 */
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

/**
 * What the /graph proxy may forward. The app token can act on every call and
 * read every user of the tenant, so the proxy forwards only what the console
 * needs, and judges the path it will actually send rather than the one it
 * was given: the raw path is split into segments, each decoded exactly once
 * and checked, and the upstream path is rebuilt from those checked segments.
 * Anything that could be read two ways (encoded slashes, dots, backslashes,
 * double encoding, empty segments) is refused outright.
 */
import { parseCallPath } from '../src/graph/profiles';

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
/** User ids: GUIDs or user principal names (guests' carry #EXT#). */
const USER_ID = /^[A-Za-z0-9][A-Za-z0-9._:@#'+-]{0,199}$/;
const ACTION = /^[A-Za-z]{1,64}$/;
/** Functions on the calls collection that would otherwise look like a call id. */
const COLLECTION_FUNCTIONS = new Set(['logteleconferencedevicequality']);
const CALL_METHODS = new Set(['GET', 'POST', 'PATCH', 'DELETE']);
/** Only `$select` (mgt asks for the fields it shows); any other query is refused. */
const ALLOWED_QUERY_PARAMETERS = new Set(['$select']);
const SELECT_VALUE = /^[A-Za-z0-9,.@]{1,500}$/;

const refused = (reason: string): GraphRoute => ({ kind: 'refused', reason });

function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

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
  if (/[%/\\]/.test(decoded) || hasControlCharacter(decoded)) return undefined;
  return decoded;
}

/** Percent-encodes a checked segment, keeping the characters Graph paths use literally. */
function encodeSegment(segment: string): string {
  return encodeURIComponent(segment).replace(/%24/g, '$').replace(/%40/g, '@').replace(/%3A/g, ':');
}

function checkQuery(rawQuery: string): string | undefined {
  if (rawQuery === '' || rawQuery === '?') return '';
  const params = new URLSearchParams(rawQuery.slice(1));
  const kept = new URLSearchParams();
  for (const [name, value] of params) {
    if (!ALLOWED_QUERY_PARAMETERS.has(name) || !SELECT_VALUE.test(value)) return undefined;
    kept.append(name, value);
  }
  return kept.size === 0 ? '' : `?${kept.toString().replace(/%24/g, '$').replace(/%2C/g, ',')}`;
}

function isAllowedCallRest(rest: readonly string[], method: string): boolean {
  if (!CALL_METHODS.has(method)) return false;
  const [first, second, third, ...beyond] = rest;
  if (beyond.length > 0) return false;
  // The credential can act on every call of the tenant: forward only what the console uses. Reading a call
  // and its participants, yes; hanging up (DELETE), updating, inviting or muting people, no.
  if (first === undefined) return method === 'GET';
  if (first === 'operations') return method === 'GET' && second !== undefined && ID.test(second) && third === undefined;
  if (first === 'participants') return method === 'GET' && (second === undefined || ID.test(second)) && third === undefined;
  // An action on the call: cancelMediaProcessing, playPrompt, recordResponse, subscribeToTone...
  return method === 'POST' && ACTION.test(first) && second === undefined;
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
  const query = checkQuery(rawQuery);
  if (query === undefined) return refused('only $select is allowed in the query');

  const upstreamPath = `/${segments.map(encodeSegment).join('/')}`;
  const [first, second, third, fourth, ...beyond] = rest;

  if (first === '$batch' && second === undefined) {
    if (method !== 'POST' || query !== '') return refused('a batch is a POST without a query');
    return { kind: 'batch', version, upstreamPath };
  }

  if (first === 'me' && beyond.length === 0 && fourth === undefined) {
    if (method !== 'GET') return refused('only GET /me is answered');
    if (second === undefined) return { kind: 'me' };
    if (second === 'photo' && (third === undefined || third === '$value')) return { kind: 'me-photo' };
    return refused('only /me and /me/photo/$value are answered');
  }

  if (first === 'users') {
    // mgt reads a user, their photo, and the photo's metadata (to revalidate its cache).
    const usersMessage = 'only users/{id}, users/{id}/photo and users/{id}/photo/$value are forwarded';
    if (method !== 'GET') return refused('users are only read');
    if (second === undefined || !USER_ID.test(second) || beyond.length > 0) return refused(usersMessage);
    if (third === undefined || (third === 'photo' && (fourth === undefined || fourth === '$value'))) return { kind: 'forward', upstreamPath, query };
    return refused(usersMessage);
  }

  const call = parseCallPath(`/${segments.join('/')}`);
  if (call) {
    if (!ID.test(call.callId) || COLLECTION_FUNCTIONS.has(call.callId.toLowerCase())) return refused('not a call id');
    if (call.appId !== undefined && !ID.test(call.appId)) return refused('not an application id');
    if (!isAllowedCallRest(call.rest, method)) return refused(`${method} is not forwarded for this part of a call`);
    if (query !== '' && method !== 'GET') return refused('no query on call actions');
    return { kind: 'forward', upstreamPath, query };
  }
  return refused('the console forwards only calls (and their actions, operations and participants) and users');
}

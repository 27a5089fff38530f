/**
 * Generated requests for the /graph proxy: the paths the console really uses
 * (so a good share is forwarded and its forwarding checked), and traversal
 * and encoding tricks meant to reach something else — dot segments plain and
 * percent-encoded, encoded and double-encoded slashes and backslashes, other
 * Graph resources, other versions, smuggled queries — with every method,
 * stray credentials and foreign hosts, and batches that hide such requests.
 */
import fc from 'fast-check';
import { hostileBodyArb } from './hostile-bodies';

export interface GraphFuzzRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
  label: string;
}

const GUID = '57dab8b1-894c-409a-b240-bd8beae78896';
const TRICKY_IDS = [
  '..', '.', '', '%2e%2e', '%2E%2e', '.%2e', '%2e%2e%2f', 'a%2fb', 'a%2Fb', 'a%252fb', '%252e%252e', 'a%5cb', 'a\\b', '%5c..%5c',
  'x%3Fy', 'x%23y', 'x?y', 'x#y', '%00', '%ZZ', '%', 'é', '%C3%A9', '%E2%80%AE', '%c0%af', '~x', 'x:y', "o'brien", 'a@b.com',
  'guest_x.com%23EXT%23@t.onmicrosoft.com', 'delta', 'Delta', '$count', 'microsoft.graph.delta', 'logTeleconferenceDeviceQuality', 'calls', 'me', '$batch', '$ref', '*', 'x'.repeat(250),
];
const idArb = fc.oneof({ weight: 6, arbitrary: fc.constant(GUID) }, { weight: 2, arbitrary: fc.constantFrom(...TRICKY_IDS) }, { weight: 1, arbitrary: fc.string({ maxLength: 12 }) });
const actionArb = fc.constantFrom(
  'cancelMediaProcessing', 'playPrompt', 'recordResponse', 'subscribeToTone', 'answer', 'reject', 'redirect', 'transfer', 'mute', 'unmute',
  'invite', 'delete', 'updateRecordingStatus', 'keepAlive', 'record', 'CancelMediaProcessing', 'PLAYPROMPT', 'Participants', 'Operations', 'x'.repeat(70), 'cancel-media', 'cancelMediaProcessing%2F..', '$value',
);
const callRestArb = fc.oneof(
  { weight: 3, arbitrary: fc.constant<string[]>([]) },
  { weight: 6, arbitrary: actionArb.map((action) => [action]) },
  { weight: 2, arbitrary: idArb.map((id) => ['operations', id]) },
  { weight: 1, arbitrary: fc.constant(['participants']) },
  { weight: 1, arbitrary: idArb.map((id) => ['participants', id]) },
  { weight: 1, arbitrary: fc.tuple(idArb, actionArb).map(([id, action]) => ['participants', id, action]) },
  { weight: 1, arbitrary: idArb.map((id) => ['operations', id, 'extra']) },
  { weight: 1, arbitrary: idArb.map((id) => ['..', '..', 'users', id]) },
  { weight: 1, arbitrary: idArb.map((id) => ['%2e%2e', '%2e%2e', '%2e%2e', 'users', id]) },
  { weight: 1, arbitrary: fc.constant(['..', '..', '..', '..', 'me', 'messages']) },
);
const versionArb = fc.constantFrom('v1.0', 'v1.0', 'beta', 'beta', 'v2.0', 'V1.0', '%761.0', 'beta%2F..', '..', '.', '');
const resourceArb = fc.oneof(
  { weight: 5, arbitrary: fc.tuple(idArb, callRestArb).map(([call, rest]) => ['communications', 'calls', call, ...rest]) },
  { weight: 2, arbitrary: fc.tuple(idArb, callRestArb).map(([call, rest]) => ['app', 'calls', call, ...rest]) },
  { weight: 1, arbitrary: fc.tuple(idArb, idArb, callRestArb).map(([app, call, rest]) => ['applications', app, 'calls', call, ...rest]) },
  { weight: 3, arbitrary: fc.tuple(idArb, fc.constantFrom([], ['photo'], ['photo', '$value'], ['photo', '%24value'], ['messages'], ['drive', 'root'], ['photo', '..', '..', '..', 'groups'])).map(([user, rest]) => ['users', user, ...rest]) },
  { weight: 1, arbitrary: fc.constantFrom(['me'], ['me', 'photo', '$value'], ['me', 'messages'], ['$batch'], ['subscriptions'], ['groups', GUID], ['communications', 'onlineMeetings'], ['communications', 'callRecords', GUID], ['applications', GUID], ['users']) },
);

/** Ways to spell the prefix and to join segments so that a naive router would see another path. */
const prefixArb = fc.constantFrom('/graph/', '/graph/', '/graph/', '/graph//', '/Graph/', '/graph%2f', '/./graph/', '//graph/', '/graph/./', '/api/../graph/', '/graph/%2e%2e/graph/');
const joinerArb = fc.constantFrom('/', '/', '/', '/', '//', '/./', '%2f', '%2F', '%5c', '\\', '/%2e/');
const queryArb = fc.oneof(
  { weight: 6, arbitrary: fc.constant('') },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      '?', '?$select=id', '?$select=id,displayName', '?%24select=id', '?$select=id&$select=mail', '?$filter=true', '?$expand=manager', '?$select=../../x',
      '?$select=id#frag', '?$top=999', '?token=abc', `?$select=${'a'.repeat(600)}`, '?$select=id&x=/../../users', '?$select=id%26$expand=x', '?$select',
    ),
  },
  { weight: 1, arbitrary: fc.string({ maxLength: 40 }).map((text) => `?${text}`) },
);
const methodArb = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('GET', 'POST') },
  { weight: 3, arbitrary: fc.constantFrom('PATCH', 'DELETE', 'PUT', 'HEAD', 'OPTIONS') },
  { weight: 1, arbitrary: fc.constantFrom('TRACE', 'PROPFIND', 'MOVE', 'PURGE', 'FOO', 'get') },
);

/** node:http refuses to send a path with spaces, controls or characters past U+00FF: those are percent-encoded first. */
function sendable(path: string): string {
  return path.replace(/[^\u0021-\u00ff]/g, (ch) => encodeURIComponent(ch));
}

const cleanQueryArb = fc.oneof({ weight: 6, arbitrary: fc.constant('') }, { weight: 1, arbitrary: fc.constant('?$select=id,displayName') }, { weight: 1, arbitrary: queryArb });
const cleanPathArb = fc.tuple(fc.constantFrom('v1.0', 'beta'), resourceArb, cleanQueryArb).map(([version, segments, query]) => `/graph/${version}/${segments.join('/')}${query}`);
const trickyPathArb = fc.tuple(prefixArb, versionArb, resourceArb, fc.array(joinerArb, { minLength: 12, maxLength: 12 }), fc.boolean(), queryArb).map(([prefix, version, segments, joiners, plainJoins, query]) => {
  const parts = [version, ...segments];
  const joined = parts.reduce((path, segment, index) => (index === 0 ? segment : `${path}${plainJoins ? '/' : (joiners[index % joiners.length] ?? '/')}${segment}`), '');
  return `${prefix}${joined}${query}`;
});
const pathArb = fc.oneof(
  // Well-formed paths (with tricky ids and resources inside): enough of them reach Graph for its side to be checked.
  { weight: 8, arbitrary: cleanPathArb },
  { weight: 5, arbitrary: trickyPathArb },
  { weight: 1, arbitrary: fc.tuple(fc.string({ maxLength: 60 }), queryArb).map(([text, query]) => `/graph/${text}${query}`) },
);

const innerUrlArb = fc.tuple(fc.boolean(), resourceArb, queryArb).map(([slash, segments, query]) => `${slash ? '/' : ''}${segments.join('/')}${query}`);
const batchArb = fc
  .array(
    fc.record(
      {
        id: fc.oneof(fc.nat(30).map(String), fc.string({ maxLength: 70 })),
        method: fc.constantFrom('GET', 'GET', 'GET', 'get', 'POST', 'DELETE'),
        url: fc.oneof({ weight: 5, arbitrary: innerUrlArb }, { weight: 1, arbitrary: fc.constantFrom('https://graph.microsoft.com/v1.0/users', '//evil.example/x', '/v1.0/users/x', '../../../x') }),
        headers: fc.constantFrom({ accept: 'application/json' }, { authorization: 'Bearer stolen' }, { cookie: 'a=b', ConsistencyLevel: 'eventual' }, { 'content-type': 'image/jpeg' }),
      },
      { requiredKeys: ['id', 'method', 'url'] },
    ),
    { minLength: 0, maxLength: 22 },
  )
  .map((requests) => Buffer.from(JSON.stringify({ requests }), 'utf8'));

const bodyArb = (limitBytes: number) =>
  fc.oneof(
    { weight: 4, arbitrary: fc.constant(undefined) },
    { weight: 3, arbitrary: fc.string({ maxLength: 300 }).map((clientContext) => Buffer.from(JSON.stringify({ clientContext }), 'utf8')) },
    { weight: 2, arbitrary: batchArb },
    { weight: 2, arbitrary: hostileBodyArb(limitBytes).map((body) => body.bytes) },
  );

/** Headers a browser, an attacker page or a confused client might send along (up to three of them). */
const headerArb = fc.oneof(
  fc.constantFrom('application/json', 'text/plain', 'application/json; charset=utf-16').map((value) => ['content-type', value] as const),
  fc.constantFrom('session=browser-cookie', 'comms_console_token_1=abc').map((value) => ['cookie', value] as const),
  fc.constantFrom('Bearer from-the-browser', 'Basic dXNlcjpwYXNz').map((value) => ['authorization', value] as const),
  fc.constant(['x-console-token', 'guessed-token'] as const),
  fc.constantFrom(GUID, 'not-a-guid', 'x'.repeat(300)).map((value) => ['client-request-id', value] as const),
  fc.constant(['prefer', 'respond-async'] as const),
  fc.constantFrom('https://evil.example', 'null').map((value) => ['origin', value] as const),
  fc.constantFrom('cross-site', 'same-site', 'same-origin', 'none').map((value) => ['sec-fetch-site', value] as const),
  fc.constant(['x-forwarded-for', '203.0.113.9'] as const),
  fc.constantFrom('evil.example', 'localhost', '127.0.0.1', '127.0.0.1:1.evil.example').map((value) => ['host', value] as const),
);
const headersArb = fc.oneof(
  { weight: 2, arbitrary: fc.constant<Record<string, string>>({}) },
  { weight: 1, arbitrary: fc.array(headerArb, { minLength: 1, maxLength: 3 }).map((entries) => Object.fromEntries(entries) as Record<string, string>) },
);

export function graphRequestArb(limitBytes: number): fc.Arbitrary<GraphFuzzRequest> {
  return fc.tuple(methodArb, pathArb, headersArb, bodyArb(limitBytes)).map(([method, path, headers, body]) => {
    const request: GraphFuzzRequest = { method, path: sendable(path), headers, label: `${method} ${sendable(path).slice(0, 160)}` };
    if (body !== undefined && method !== 'GET' && method !== 'HEAD') request.body = body;
    return Object.assign(request, { [fc.toStringMethod]: () => `${request.label} headers ${JSON.stringify(headers)} body ${request.body?.length ?? 0} bytes` });
  });
}

/**
 * Generated request bodies for the notification endpoints: well-formed
 * commsNotifications and every way to get them wrong — wrong types, missing
 * fields, arbitrary JSON, broken JSON, deep nesting, odd byte encodings and
 * bodies over the size limit. Each case says how it was built (`kind`), so a
 * failure names the family that found it.
 */
import fc from 'fast-check';

export interface HostileBody {
  kind: string;
  bytes: Buffer;
  /** Sent with chunked transfer encoding (no Content-Length to refuse it by). */
  chunked: boolean;
}

const idArb = fc.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
const resourceArb = fc.oneof(
  fc.tuple(idArb, idArb).map(([call, op]) => `/communications/calls/${call}/operations/${op}`),
  idArb.map((call) => `/communications/calls/${call}`),
  fc.tuple(idArb, idArb).map(([call, op]) => `/app/calls/${call}/operations/${op}`),
  fc.string({ maxLength: 80 }),
);
const resourceDataArb = fc.oneof(
  fc.record({
    '@odata.type': fc.constantFrom('#microsoft.graph.playPromptOperation', '#microsoft.graph.recordOperation', '#microsoft.graph.call', '#microsoft.graph.commsOperation'),
    id: idArb,
    clientContext: fc.string({ maxLength: 300 }),
    status: fc.constantFrom('running', 'completed', 'failed', 'established', 'terminated'),
    state: fc.constantFrom('establishing', 'established', 'terminated'),
  }),
  fc.jsonValue({ maxDepth: 3 }),
);

/** One commsNotification Graph could send: changeType, resourceUrl and/or resource, resourceData. */
const validItemArb = fc
  .tuple(
    fc.constantFrom('created', 'updated', 'deleted'),
    resourceArb,
    fc.constantFrom('resourceUrl', 'resource', 'both'),
    fc.option(resourceDataArb, { nil: undefined }),
    fc.boolean(),
  )
  .map(([changeType, resource, field, resourceData, typed]) => ({
    ...(typed ? { '@odata.type': '#microsoft.graph.commsNotification' } : {}),
    changeType,
    ...(field !== 'resource' ? { resourceUrl: resource } : {}),
    ...(field !== 'resourceUrl' ? { resource } : {}),
    ...(resourceData === undefined ? {} : { resourceData }),
  }));

export const validNotificationsArb = fc
  .tuple(fc.array(validItemArb, { minLength: 1, maxLength: 4 }), fc.dictionary(fc.string({ maxLength: 12 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 2 }))
  // Graph adds fields over time: unknown top-level fields are kept, so they are generated too.
  .map(([value, extra]) => ({ ...extra, value }));

const wrongValueArb = fc.oneof(fc.constant(null), fc.constant([]), fc.integer(), fc.string(), fc.jsonValue({ maxDepth: 2 }));

/** A well-formed body with one thing wrong in it. */
const wrongTypesArb = fc.tuple(validNotificationsArb, fc.nat(5), wrongValueArb).map(([body, how, wrong]) => {
  const item = { ...(body.value[0] as Record<string, unknown>) };
  switch (how) {
    case 0:
      return { ...body, value: wrong };
    case 1:
      return { ...body, value: [{ ...item, changeType: wrong }] };
    case 2: {
      const rest = { ...item };
      delete rest.resourceUrl;
      delete rest.resource;
      return { ...body, value: [rest] };
    }
    case 3:
      return { ...body, value: [{ ...item, resourceUrl: wrong, resource: wrong }] };
    case 4:
      return { ...body, value: [wrong, item] };
    default:
      return wrong;
  }
});

const encode = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8');

/** Text that is not JSON, or almost is. */
const malformedArb = fc.oneof(
  fc.tuple(validNotificationsArb, fc.nat()).map(([body, at]) => {
    const text = JSON.stringify(body);
    return Buffer.from(text.slice(0, at % text.length), 'utf8');
  }),
  fc.tuple(validNotificationsArb, fc.nat(), fc.constantFrom('{', '}', '"', ',', ':', ']', 'NaN', '//', "'", '\\', '\u0000', 'undefined')).map(([body, at, junk]) => {
    const text = JSON.stringify(body);
    const i = at % text.length;
    return Buffer.from(`${text.slice(0, i)}${junk}${text.slice(i)}`, 'utf8');
  }),
  validNotificationsArb.map((body) => Buffer.from(`${JSON.stringify(body)}${JSON.stringify(body)}`, 'utf8')),
  fc.string({ unit: 'binary', maxLength: 200 }).map((text) => Buffer.from(text, 'utf8')),
  fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes)),
  fc.constantFrom('', ' ', 'null', 'true', '0', '""', '[]', '{}', '{"value":null}', '{"value":[]}', '{"value":[{}]}', '{"__proto__":{"value":[1]}}').map((text) => Buffer.from(text, 'utf8')),
);

/** Nesting far deeper than any notification: parsers, validators and serialisers that recurse may overflow. */
const deepArb = fc.tuple(fc.integer({ min: 20, max: 30_000 }), fc.constantFrom('[', '{"a":'), fc.constantFrom('resourceData', 'top', 'extra', 'unbalanced')).map(([depth, open, where]) => {
  const close = open === '[' ? ']' : '}';
  const nested = `${open.repeat(depth)}1${close.repeat(depth)}`;
  const item = (data: string) => `{"changeType":"updated","resourceUrl":"/communications/calls/deep","resourceData":${data}}`;
  switch (where) {
    case 'resourceData':
      return Buffer.from(`{"value":[${item(nested)}]}`, 'utf8');
    case 'top':
      return Buffer.from(nested, 'utf8');
    case 'extra':
      return Buffer.from(`{"extra":${nested},"value":[${item('null')}]}`, 'utf8');
    default:
      return Buffer.from(`{"value":[${item(open.repeat(depth))}]}`, 'utf8');
  }
});

/** The same JSON in encodings and byte sequences a UTF-8 JSON reader must cope with. */
const oddEncodingArb = fc.tuple(validNotificationsArb, fc.nat(7)).map(([body, how]) => {
  const text = JSON.stringify(body);
  const withContext = (raw: Buffer) => {
    const item = JSON.stringify({ changeType: 'updated', resourceUrl: '/communications/calls/enc', resourceData: { clientContext: '@@' } });
    const [before, after] = `{"value":[${item}]}`.split('@@') as [string, string];
    return Buffer.concat([Buffer.from(before, 'utf8'), raw, Buffer.from(after, 'utf8')]);
  };
  switch (how) {
    case 0:
      return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    case 1:
      return Buffer.from(text, 'utf16le');
    case 2:
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    case 3:
      return withContext(Buffer.from([0xff, 0xc0, 0xaf, 0x80, 0xed, 0xa0, 0x80])); // invalid, overlong, surrogate half
    case 4:
      return withContext(Buffer.from('\\ud800\\udc00\\udfff\\u0000', 'utf8')); // escaped lone surrogates and NUL: valid JSON
    case 5:
      return withContext(Buffer.from('\u202e\u0085\u2028\u{1f600}', 'utf8')); // RTL override, NEL, line separator, emoji
    case 6:
      return withContext(Buffer.from([0x00, 0x01])); // raw control bytes inside a string: not JSON
    default:
      return Buffer.from(text, 'latin1');
  }
});

/** Bodies just over (and exactly at) the size limit. */
const sizedArb = (limitBytes: number) =>
  fc.tuple(fc.integer({ min: -16, max: 4096 }), validNotificationsArb).map(([over, body]) => {
    const base = JSON.stringify({ ...body, padding: '' });
    const padding = Math.max(0, limitBytes + over - Buffer.byteLength(base, 'utf8'));
    return Buffer.from(JSON.stringify({ ...body, padding: 'x'.repeat(padding) }), 'utf8');
  });

export function hostileBodyArb(limitBytes: number): fc.Arbitrary<HostileBody> {
  const family = (kind: string, arbitrary: fc.Arbitrary<Buffer>) => arbitrary.map((bytes) => ({ kind, bytes }));
  return fc
    .tuple(
      fc.oneof(
        { weight: 6, arbitrary: family('valid', validNotificationsArb.map(encode)) },
        { weight: 3, arbitrary: family('wrong-types', wrongTypesArb.map(encode)) },
        { weight: 2, arbitrary: family('any-json', fc.jsonValue({ maxDepth: 4 }).map(encode)) },
        { weight: 3, arbitrary: family('malformed', malformedArb) },
        { weight: 2, arbitrary: family('deep', deepArb) },
        { weight: 2, arbitrary: family('encoding', oddEncodingArb) },
        { weight: 1, arbitrary: family('size-limit', sizedArb(limitBytes)) },
      ),
      fc.boolean(),
    )
    .map(([body, chunked]) => ({
      ...body,
      chunked,
      // A counterexample of 60 KB of brackets is unreadable: name its family, size and start instead.
      [fc.toStringMethod]: () => `${body.kind} body, ${body.bytes.length} bytes${chunked ? ', chunked' : ''}: ${JSON.stringify(body.bytes.subarray(0, 160).toString('latin1'))}`,
    }));
}

/**
 * Authorization headers for the callback, and the forward endpoint's secret
 * header: the right ones in the forms HTTP allows, and forged or mangled ones.
 * Each case carries whether it must be accepted, decided by how it was made.
 */
import fc from 'fast-check';

export interface TokenPool {
  /** Tokens that verify (good signature, issuer, audience, tid, time). */
  valid: string[];
  /** Well-formed tokens that must not verify: wrong key, alg none, HS256, bad claims, expired... */
  forged: string[];
}

export interface AuthCase {
  /** Header value(s); an array is sent as repeated header lines; undefined leaves the header out. */
  header: string | string[] | undefined;
  valid: boolean;
  label: string;
}

/** Whether a header value is over Node's header size limit (the request never reaches the console's code). */
export function isOversizedHeader(header: string | string[] | undefined): boolean {
  return [header ?? []].flat().some((value) => value.length >= OVERSIZED_HEADER_BYTES);
}

/** Counterexamples print the label and the start of the header, not 20 KB of it. */
function readable(auth: AuthCase): AuthCase {
  const preview = JSON.stringify(auth.header)?.slice(0, 120) ?? 'undefined';
  const described: AuthCase & { [fc.toStringMethod]: () => string } = { ...auth, [fc.toStringMethod]: () => `${auth.label} (${auth.valid ? 'valid' : 'invalid'}): ${preview}` };
  return described;
}

/** Any header value this long makes Node answer 431 by itself. */
export const OVERSIZED_HEADER_BYTES = 17_000;

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** Replaces the character at `at` with a different base64url character. */
function flip(text: string, at: number, pick: number): string {
  const current = text[at] ?? 'A';
  const choices = BASE64URL.replace(current, '');
  return `${text.slice(0, at)}${choices[pick % choices.length] ?? 'A'}${text.slice(at + 1)}`;
}

/** A token derived from a valid one that must not verify (each change breaks the signed input or the signature). */
const mangledArb = (pool: TokenPool) =>
  fc.tuple(fc.constantFrom(...pool.valid), fc.constantFrom(...pool.valid, ...pool.forged), fc.nat(7), fc.nat(), fc.nat()).map(([token, other, how, at, pick]) => {
    const [header = '', payload = '', signature = ''] = token.split('.');
    const [, otherPayload = ''] = other.split('.');
    switch (how) {
      // Not the last signature character: its low bits are padding, so changing it may not change the signature.
      case 0:
        return { token: `${header}.${payload}.${flip(signature, at % Math.max(1, signature.length - 1), pick)}`, label: 'signature bit flipped' };
      case 1:
        return { token: `${header}.${flip(payload, at % payload.length, pick)}.${signature}`, label: 'payload tampered' };
      case 2:
        return { token: `${flip(header, at % header.length, pick)}.${payload}.${signature}`, label: 'header tampered' };
      case 3:
        return otherPayload === payload
          ? { token: `${header}.${payload}.`, label: 'signature dropped' }
          : { token: `${header}.${otherPayload}.${signature}`, label: 'payload swapped' };
      case 4:
        return { token: `${header}.${payload}`, label: 'two segments' };
      case 5:
        return { token: `${token}.${signature}`, label: 'four segments' };
      case 6:
        return { token: token.toUpperCase(), label: 'case changed' };
      default:
        return { token: `${header}.${payload}.${signature.slice(0, at % signature.length)}`, label: 'signature truncated' };
    }
  });

const junkTokenArb = fc.oneof(
  fc.string({ maxLength: 200 }).map((text) => text.replace(/[^\t\x20-\x7e]/g, '')),
  fc.array(fc.string({ unit: fc.constantFrom(...BASE64URL), maxLength: 60 }), { minLength: 1, maxLength: 5 }).map((parts) => parts.join('.')),
  // Past Node's 16 KB header limit (a 431 before any code of ours runs); kept clear of the limit's fuzzy edge.
  fc.integer({ min: OVERSIZED_HEADER_BYTES, max: OVERSIZED_HEADER_BYTES + 4_000 }).map((length) => 'e'.repeat(length)),
);

/** The callback's Authorization header. */
export function authorizationArb(pool: TokenPool): fc.Arbitrary<AuthCase> {
  type Form = (token: string) => { header: string; ok: boolean };
  const goodForms: Form[] = [(token) => ({ header: `Bearer ${token}`, ok: true }), (token) => ({ header: `bearer ${token}`, ok: true }), (token) => ({ header: `BEARER \t ${token}  `, ok: true })];
  const badForms: Form[] = [
    (token) => ({ header: token, ok: false }),
    (token) => ({ header: `Basic ${token}`, ok: false }),
    (token) => ({ header: `Bearer ${token} trailing`, ok: false }),
    (token) => ({ header: `Bearer ${token},Bearer ${token}`, ok: false }),
    (token) => ({ header: `Bearer${token}`, ok: false }),
  ];
  const bearerForms = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...goodForms) }, { weight: 1, arbitrary: fc.constantFrom(...badForms) });
  return fc.oneof(
    { weight: 10, arbitrary: fc.tuple(fc.constantFrom(...pool.valid), bearerForms).map(([token, form]) => ({ header: form(token).header, valid: form(token).ok, label: 'valid token' })) },
    { weight: 3, arbitrary: fc.constantFrom(...pool.forged).map((token) => ({ header: `Bearer ${token}`, valid: false, label: 'forged token' })) },
    { weight: 3, arbitrary: mangledArb(pool).map(({ token, label }) => ({ header: `Bearer ${token}`, valid: false, label })) },
    { weight: 1, arbitrary: junkTokenArb.map((token) => ({ header: `Bearer ${token}`, valid: false, label: 'junk' })) },
    { weight: 1, arbitrary: fc.constantFrom(undefined, '', 'Bearer', 'Bearer ', 'Negotiate abc').map((header) => ({ header, valid: false, label: 'no token' })) },
    // Node keeps only the first of repeated Authorization headers.
    {
      weight: 1,
      arbitrary: fc.tuple(fc.constantFrom(...pool.valid), fc.constantFrom(...pool.forged), fc.boolean()).map(([good, bad, goodFirst]) => ({
        header: goodFirst ? [`Bearer ${good}`, `Bearer ${bad}`] : [`Bearer ${bad}`, `Bearer ${good}`],
        valid: goodFirst,
        label: 'repeated header',
      })),
    },
  ).map(readable);
}

/** The forward endpoint's X-Forward-Secret header. */
export function forwardSecretArb(secret: string): fc.Arbitrary<AuthCase> {
  return fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(secret, ` ${secret}`, `${secret}\t`).map((header) => ({ header, valid: true, label: 'right secret' })) },
    {
      weight: 4,
      arbitrary: fc.tuple(fc.nat(secret.length - 1), fc.nat(), fc.string({ minLength: 1, maxLength: 8 })).map(([at, pick, extra]) => {
        const printable = extra.replace(/[^\x21-\x7e]/g, '') || 'x';
        const variants = [
          secret.slice(0, at),
          `${secret}${printable}`,
          `${printable}${secret}`,
          secret.toUpperCase() === secret ? secret.toLowerCase() : secret.toUpperCase(),
          flip(secret, at, pick),
          `${secret},${secret}`,
          `${secret} ${secret}`,
        ];
        return { header: variants[pick % variants.length], valid: false, label: 'wrong secret' };
      }),
    },
    { weight: 1, arbitrary: fc.constantFrom(undefined, '', 'null', 'undefined').map((header) => ({ header, valid: false, label: 'no secret' })) },
    // An unknown header repeated is joined with ", " by Node: never the secret.
    { weight: 1, arbitrary: fc.constant<AuthCase>({ header: [secret, secret], valid: false, label: 'repeated header' }) },
    { weight: 1, arbitrary: junkTokenArb.map((header) => ({ header, valid: false, label: 'junk' })) },
  ).map(readable);
}

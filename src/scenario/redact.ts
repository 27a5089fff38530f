/**
 * Strips what must never leave the machine in a shared scenario: Authorization
 * headers, and any token, secret or password wherever it sits in headers and
 * bodies, however deeply nested.
 */

export const REDACTED = '[redacted]';

/** Keys whose values are credentials: matched anywhere in the key, any case (recordingAccessToken, client_secret…). */
const SECRET_KEY = /token|secret|password|passwd|authorization|api[-_]?key|credential|cookie|signature|assertion/i;
/** Query parameters that carry credentials in URLs (SAS signatures, OAuth codes). */
const SECRET_QUERY = /([?&](?:sig|code|key|[a-z_]*token|[a-z_]*secret|password)=)[^&#\s"]+/gi;
const BEARER = /\bBearer\s+[\w~+/.=-]+/gi;
/** A JWT: three base64url parts, the first starting with '{"' encoded. */
const JWT = /\beyJ[\w-]+\.[\w-]+\.[\w-]*/g;

export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key);
}

function redactString(value: string): string {
  return value.replace(BEARER, `Bearer ${REDACTED}`).replace(JWT, REDACTED).replace(SECRET_QUERY, `$1${REDACTED}`);
}

/** A copy of `value` with every secret replaced by "[redacted]". */
export function redact<T>(value: T): T {
  return redactValue(value) as T;
}

function redactValue(value: unknown): unknown {
  if (typeof value === 'string') return redactString(value);
  if (Array.isArray(value)) return value.map(redactValue);
  if (value !== null && typeof value === 'object') {
    const copy: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) copy[key] = isSecretKey(key) ? REDACTED : redactValue(inner);
    return copy;
  }
  return value;
}

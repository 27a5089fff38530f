/**
 * Checks a certificate credential the way AAD does: the client assertion JWT
 * MSAL signs with the app's private key must name a registered certificate
 * (x5t or x5t#S256), verify with its public key, and be addressed to the
 * token endpoint by the app itself.
 */
import { createHash, X509Certificate } from 'node:crypto';
import { decodeProtectedHeader, importX509, jwtVerify } from 'jose';

export const JWT_BEARER_ASSERTION = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
/** MSAL signs with PS256 when given a SHA-256 thumbprint, RS256 with a SHA-1 one. */
const ALGORITHMS = ['PS256', 'RS256'];
/**
 * AAD allows five minutes of clock skew. Even in one process it is needed:
 * MSAL rounds the time to the nearest second, so its `nbf` can lie up to half
 * a second in the future.
 */
const CLOCK_SKEW_SECONDS = 300;

export interface AssertionFailure {
  code: number;
  description: string;
}

export async function checkClientAssertion(
  assertion: string,
  certificatePem: string,
  clientId: string,
  tokenEndpoint: string,
): Promise<AssertionFailure | undefined> {
  let header: ReturnType<typeof decodeProtectedHeader>;
  try {
    header = decodeProtectedHeader(assertion);
  } catch {
    return { code: 50027, description: 'Invalid JWT token: the client assertion is not a JWT.' };
  }
  const alg = header.alg ?? '';
  if (!ALGORITHMS.includes(alg)) return { code: 5002738, description: `The client assertion is signed with '${alg}'; only PS256 and RS256 are accepted.` };
  const der = new X509Certificate(certificatePem).raw;
  const thumbprint = (hash: 'sha1' | 'sha256') => createHash(hash).update(der).digest('base64url');
  const named = header['x5t#S256'] === thumbprint('sha256') || header.x5t === thumbprint('sha1');
  if (!named) {
    return { code: 700027, description: 'The certificate with identifier used to sign the client assertion is not registered on application.' };
  }
  try {
    await jwtVerify(assertion, await importX509(certificatePem, alg), { issuer: clientId, subject: clientId, audience: tokenEndpoint, algorithms: [alg], clockTolerance: CLOCK_SKEW_SECONDS });
  } catch (error) {
    return { code: 700027, description: `Client assertion failed signature validation: ${error instanceof Error ? error.message : String(error)}` };
  }
  return undefined;
}

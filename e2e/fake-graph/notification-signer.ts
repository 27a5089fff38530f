/**
 * Signs notification tokens the way Graph's calling platform does, and holds
 * the OpenID configuration and JWKS a receiver verifies them with. A second
 * "stranger" key, never published, lets tests forge a bad signature.
 */
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import type { JWK } from 'jose';

export const NOTIFICATION_ISSUER = 'https://api.botframework.com';

export interface NotificationTokenOverrides {
  /** Merged over the default claims; a claim set to `undefined` is left out of the token. */
  claims?: Record<string, unknown>;
  /** Seconds from now until `exp`; zero or less makes an expired token. Default one hour. */
  expiresInSeconds?: number;
  /** 'stranger' signs with a key that is not in the JWKS but carries the published key's `kid`. */
  key?: 'graph' | 'stranger';
  /** Header `kid` to send instead of the published one (an unknown kid makes a receiver refetch its keys). */
  kid?: string;
}

export interface NotificationSigner {
  sign(overrides?: NotificationTokenOverrides): Promise<string>;
  jwks(): { keys: JWK[] };
  openIdConfiguration(jwksUri: string): Record<string, unknown>;
}

const ALG = 'RS256';
const HOUR_SECONDS = 3600;

export async function createNotificationSigner(audience: string, tenantId: string): Promise<NotificationSigner> {
  const [graph, stranger] = await Promise.all([generateKeyPair(ALG), generateKeyPair(ALG)]);
  const publicJwk = await exportJWK(graph.publicKey);
  const kid = `fake-graph-${(publicJwk.n ?? '').slice(0, 16)}`;
  const published: JWK = { ...publicJwk, kid, alg: ALG, use: 'sig' };

  const sign = async (overrides: NotificationTokenOverrides = {}): Promise<string> => {
    const now = Math.floor(Date.now() / 1000);
    const lifetime = overrides.expiresInSeconds ?? HOUR_SECONDS;
    // An expired token looks like a real one that was issued an hour before it expired.
    const issuedAt = lifetime > 0 ? now : now + lifetime - HOUR_SECONDS;
    const claims: Record<string, unknown> = {
      iss: NOTIFICATION_ISSUER,
      aud: audience,
      tid: tenantId,
      iat: issuedAt,
      nbf: issuedAt,
      exp: now + lifetime,
      ...overrides.claims,
    };
    const signingKey = overrides.key === 'stranger' ? stranger.privateKey : graph.privateKey;
    // SignJWT serialises the payload as given, so `undefined` claims vanish and overridden ones stay overridden.
    return new SignJWT(claims).setProtectedHeader({ alg: ALG, typ: 'JWT', kid: overrides.kid ?? kid }).sign(signingKey);
  };

  return {
    sign,
    jwks: () => ({ keys: [published] }),
    // The shape of https://api.aps.skype.com/v1/.well-known/OpenIdConfiguration.
    openIdConfiguration: (jwksUri) => ({
      issuer: NOTIFICATION_ISSUER,
      authorization_endpoint: 'https://invalid.botframework.com',
      jwks_uri: jwksUri,
      id_token_signing_alg_values_supported: [ALG],
      token_endpoint_auth_methods_supported: ['private_key_jwt'],
    }),
  };
}

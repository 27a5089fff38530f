/**
 * Verifies the bearer JWT Graph puts on every notification POST (docs/architecture.md,
 * "Graph facts"): RS256 only, a key from the JWKS named by the OpenID
 * configuration at NOTIFY_OPENID_CONFIG_URL, issuer Bot Framework or Graph,
 * audience the app id, a `tid` claim, exp/nbf within a small skew.
 *
 * jose's remote JWKS caches keys and refetches when a token names an unknown
 * `kid` (rate-limited by its cooldown), which is how key rollover is handled.
 */
import { createRemoteJWKSet, errors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { z } from 'zod';
import { createVerifiedTokenCache } from './verified-token-cache';

export const NOTIFICATION_ISSUERS = ['https://api.botframework.com', 'https://graph.microsoft.com'];
const ALGORITHMS = ['RS256'];
/** The OpenID configuration rarely changes; reread it daily so a moved jwks_uri is eventually followed. */
const OPENID_CONFIG_MAX_AGE_MS = 24 * 60 * 60 * 1000;
const FETCH_TIMEOUT_MS = 5_000;
/**
 * jose refetches the JWKS for an unknown `kid` only this long after its last fetch. Its default (30 s)
 * would refuse a freshly rolled key for up to 30 s; a few seconds still stops a flood of unknown kids
 * from turning into a flood of fetches.
 */
export const DEFAULT_JWKS_REFETCH_COOLDOWN_MS = 5_000;

export type TokenVerdict =
  | { verified: true; tenantId: string; issuer: string }
  /** 403: the token is missing or bad. 503: it could not be checked (keys unreachable). */
  | { verified: false; status: 403 | 503; reason: string };

export interface NotificationTokenVerifier {
  verify(authorizationHeader: string | undefined): Promise<TokenVerdict>;
}

const openIdConfigurationSchema = z.looseObject({ jwks_uri: z.string().url() });

export function createNotificationTokenVerifier(options: {
  openIdConfigUrl: string;
  /** The app id; undefined when GRAPH_CLIENT_ID is not set, and then no token verifies. */
  audience: string | undefined;
  clockSkewSeconds: number;
  jwksRefetchCooldownMs?: number;
}): NotificationTokenVerifier {
  let keys: { getKey: JWTVerifyGetKey; fetchedAt: number } | undefined;
  let pending: Promise<JWTVerifyGetKey> | undefined;
  // Graph reuses a token across many notifications: its signature is checked once (see verified-token-cache.ts).
  const verifiedTokens = createVerifiedTokenCache();

  const loadKeys = async (): Promise<JWTVerifyGetKey> => {
    const response = await fetch(options.openIdConfigUrl, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS), headers: { accept: 'application/json' } });
    if (!response.ok) throw new Error(`OpenID configuration at ${options.openIdConfigUrl} answered ${response.status}`);
    const parsed = openIdConfigurationSchema.safeParse(await response.json());
    if (!parsed.success) throw new Error(`OpenID configuration at ${options.openIdConfigUrl} has no valid jwks_uri`);
    return createRemoteJWKSet(new URL(parsed.data.jwks_uri), {
      timeoutDuration: FETCH_TIMEOUT_MS,
      cooldownDuration: options.jwksRefetchCooldownMs ?? DEFAULT_JWKS_REFETCH_COOLDOWN_MS,
    });
  };

  const currentKeys = (): Promise<JWTVerifyGetKey> => {
    if (keys && Date.now() - keys.fetchedAt < OPENID_CONFIG_MAX_AGE_MS) return Promise.resolve(keys.getKey);
    // One fetch at a time; a failure is not cached, so the next notification retries.
    pending ??= loadKeys()
      .then((getKey) => {
        keys = { getKey, fetchedAt: Date.now() };
        return getKey;
      })
      .finally(() => {
        pending = undefined;
      });
    return pending;
  };

  return {
    async verify(authorizationHeader) {
      if (!options.audience) {
        return { verified: false, status: 403, reason: 'GRAPH_CLIENT_ID is not set, so no notification token can be verified.' };
      }
      const match = /^Bearer\s+(\S+)\s*$/i.exec(authorizationHeader ?? '');
      if (!match?.[1]) return { verified: false, status: 403, reason: 'Missing bearer token.' };
      const token = match[1];
      const known = verifiedTokens.get(token);
      if (known) return { verified: true, ...known };

      let getKey: JWTVerifyGetKey;
      try {
        getKey = await currentKeys();
      } catch (error) {
        return { verified: false, status: 503, reason: `Cannot load the signing keys: ${(error as Error).message}` };
      }
      try {
        const { payload } = await jwtVerify(token, getKey, {
          algorithms: ALGORITHMS,
          issuer: NOTIFICATION_ISSUERS,
          audience: options.audience,
          clockTolerance: options.clockSkewSeconds,
          requiredClaims: ['exp', 'tid'],
        });
        if (typeof payload.tid !== 'string' || payload.tid === '') {
          return { verified: false, status: 403, reason: 'Token rejected: the tid claim is not a tenant id.' };
        }
        const verified = { tenantId: payload.tid, issuer: payload.iss ?? '' };
        // requiredClaims makes exp present; the check keeps the type honest.
        if (typeof payload.exp === 'number') verifiedTokens.remember(token, verified, payload.exp);
        return { verified: true, ...verified };
      } catch (error) {
        // The keys could not be fetched: that says nothing about the token.
        if (error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid || !(error instanceof errors.JOSEError)) {
          return { verified: false, status: 503, reason: `Cannot load the signing keys: ${(error as Error).message}` };
        }
        return { verified: false, status: 403, reason: `Token rejected: ${error.message} (${error.code})` };
      }
    },
  };
}

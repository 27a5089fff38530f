/**
 * Verifies the bearer JWT Graph puts on every notification POST, as
 * docs/architecture.md, "Notification tokens", lists the checks. jose's remote
 * JWKS caches keys and refetches when a token names an unknown `kid` (key
 * rollover, rate-limited by its cooldown). When the keys cannot be fetched at
 * all, nothing is fetched again for a cool-down: otherwise any bearer string
 * would turn into a key fetch.
 */
import { createRemoteJWKSet, errors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { z } from 'zod';
import type { ServerConfig } from './config';
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
/** After the OpenID configuration or the JWKS could not be fetched, notifications get 503 (Graph retries) for this long before the next try. */
export const DEFAULT_KEY_FETCH_FAILURE_COOLDOWN_MS = 10_000;

/** The keys could not be fetched: says nothing about the token. */
class KeysUnavailableError extends Error {}

/** Errors of jose's remote JWKS that mean its fetch failed (a timeout, a non-200, not a JWKS, the network), as opposed to a token naming no known key. */
function isKeyFetchFailure(error: unknown): boolean {
  if (!(error instanceof errors.JOSEError)) return true;
  return error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid || error.code === errors.JOSEError.code;
}

export type TokenVerdict =
  | { verified: true; tenantId: string; issuer: string }
  /** 403: the token is missing or bad. 503: it could not be checked (keys unreachable). */
  | { verified: false; status: 403 | 503; reason: string };

export interface NotificationTokenVerifier {
  verify(authorizationHeader: string | undefined): Promise<TokenVerdict>;
}

const openIdConfigurationSchema = z.looseObject({ jwks_uri: z.string().url() });

/**
 * The audience is GRAPH_CLIENT_ID (unset: no token verifies); the tenants, GRAPH_TENANT_ID and
 * NOTIFY_ALLOWED_TENANTS (none: no token verifies).
 */
export function createNotificationTokenVerifier({ graph, notifications }: Pick<ServerConfig, 'graph' | 'notifications'>): NotificationTokenVerifier {
  const audience = graph.clientId;
  const { openIdConfigUrl, clockSkewSeconds } = notifications;
  const tenants = new Set([graph.tenantId ?? [], notifications.allowedTenants].flat().map((id) => id.toLowerCase()));
  const failureCooldownMs = notifications.keyFetchFailureCooldownMs ?? DEFAULT_KEY_FETCH_FAILURE_COOLDOWN_MS;
  /** The last key fetch failure, while its cool-down lasts. */
  let failure: { reason: string; until: number } | undefined;
  const failed = (error: unknown): KeysUnavailableError => {
    const reason = error instanceof Error ? error.message : String(error);
    failure = { reason, until: Date.now() + failureCooldownMs };
    return new KeysUnavailableError(reason);
  };
  // Graph reuses a token across many notifications: its signature is checked once (see verified-token-cache.ts).
  const verifiedTokens = createVerifiedTokenCache();

  const loadKeys = async (): Promise<JWTVerifyGetKey> => {
    const response = await fetch(openIdConfigUrl, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS), headers: { accept: 'application/json' } });
    if (!response.ok) throw new Error(`OpenID configuration at ${openIdConfigUrl} answered ${response.status}`);
    const parsed = openIdConfigurationSchema.safeParse(await response.json());
    if (!parsed.success) throw new Error(`OpenID configuration at ${openIdConfigUrl} has no valid jwks_uri`);
    const remote = createRemoteJWKSet(new URL(parsed.data.jwks_uri), {
      timeoutDuration: FETCH_TIMEOUT_MS,
      cooldownDuration: notifications.jwksRefetchCooldownMs ?? DEFAULT_JWKS_REFETCH_COOLDOWN_MS,
    });
    // jose refetches a JWKS it could not fetch on every token; the failure cool-down stops that too.
    return async (header, token) => {
      try {
        return await remote(header, token);
      } catch (error) {
        throw isKeyFetchFailure(error) ? failed(error) : error;
      }
    };
  };

  /** The keys, loaded at most once at a time; a failed load is forgotten, and the next waits out the cool-down (see verify). */
  let keys: { getKey: Promise<JWTVerifyGetKey>; loadedAt: number } | undefined;
  const currentKeys = (): Promise<JWTVerifyGetKey> => {
    if (!keys || Date.now() - keys.loadedAt >= OPENID_CONFIG_MAX_AGE_MS) {
      const loading = { getKey: loadKeys(), loadedAt: Date.now() };
      loading.getKey.catch((error: unknown) => {
        failed(error);
        if (keys === loading) keys = undefined;
      });
      keys = loading;
    }
    return keys.getKey;
  };

  /** 403: the token is missing or bad. */
  const rejected = (reason: string): TokenVerdict => ({ verified: false, status: 403, reason });
  /** 503: the keys could not be fetched, which says nothing about the token. */
  const unchecked = (detail: string): TokenVerdict => ({ verified: false, status: 503, reason: `Cannot load the signing keys${detail}` });

  return {
    async verify(authorizationHeader) {
      if (!audience) return rejected('GRAPH_CLIENT_ID is not set, so no notification token can be verified.');
      const match = /^Bearer\s+(\S+)\s*$/i.exec(authorizationHeader ?? '');
      if (!match?.[1]) return rejected('Missing bearer token.');
      const token = match[1];
      const known = verifiedTokens.get(token);
      if (known) return { verified: true, ...known };
      if (tenants.size === 0) return rejected("GRAPH_TENANT_ID is not set, so no notification token's tenant can be checked.");
      if (failure && Date.now() < failure.until) return unchecked(` (the last try failed: ${failure.reason}); trying again in a few seconds.`);

      try {
        const { payload } = await jwtVerify(token, await currentKeys(), {
          algorithms: ALGORITHMS,
          issuer: NOTIFICATION_ISSUERS,
          audience,
          clockTolerance: clockSkewSeconds,
          requiredClaims: ['exp', 'tid'],
        });
        if (typeof payload.tid !== 'string' || payload.tid === '') return rejected('Token rejected: the tid claim is not a tenant id.');
        if (!tenants.has(payload.tid.toLowerCase())) {
          return rejected(`Token rejected: tenant "${payload.tid.slice(0, 100)}" is not this console's (GRAPH_TENANT_ID); a multi-tenant bot lists its other tenants in NOTIFY_ALLOWED_TENANTS.`);
        }
        // jose checks nbf against the skew, but iat only with maxTokenAge: a token "issued" in the future is refused here.
        if (typeof payload.iat === 'number' && payload.iat > Date.now() / 1000 + clockSkewSeconds) {
          return rejected(`Token rejected: the "iat" claim is more than ${clockSkewSeconds} s in the future (NOTIFY_CLOCK_SKEW_SECONDS).`);
        }
        const verified = { tenantId: payload.tid, issuer: payload.iss ?? '' };
        // requiredClaims makes exp present; the check keeps the type honest.
        if (typeof payload.exp === 'number') verifiedTokens.remember(token, verified, payload.exp);
        return { verified: true, ...verified };
      } catch (error) {
        // The keys could not be loaded or fetched: that says nothing about the token.
        if (error instanceof KeysUnavailableError || !(error instanceof errors.JOSEError)) return unchecked(`: ${(error as Error).message}`);
        return rejected(`Token rejected: ${error.message} (${error.code})`);
      }
    },
  };
}

/**
 * Tokens that already verified, remembered until shortly before they expire:
 * Graph sends one token on many notifications, and RS256 was most of what the
 * callback spent per notification (docs/architecture.md, "The notification
 * path"). The same token string always gets the same verdict while it is within its
 * lifetime — the signature, issuer, audience and tid cannot change — so
 * only successes are kept (a flood of forged tokens must not evict them),
 * each until its `exp` or MAX_AGE_MS, whichever is sooner, so a key taken
 * out of the JWKS stops being honoured within minutes; the oldest entry
 * goes first when the cache is full.
 */

const MAX_AGE_MS = 5 * 60 * 1000;
const MAX_ENTRIES = 1_000;

type VerifiedToken = { tenantId: string; issuer: string };

export function createVerifiedTokenCache(options: { now?: () => number; maxEntries?: number } = {}) {
  const now = options.now ?? Date.now;
  const maxEntries = options.maxEntries ?? MAX_ENTRIES;
  const entries = new Map<string, { verified: VerifiedToken; until: number }>();
  return {
    get(token: string): VerifiedToken | undefined {
      const entry = entries.get(token);
      if (entry && now() < entry.until) return entry.verified;
      entries.delete(token);
      return undefined;
    },
    /** `expiresAtSeconds` is the token's `exp` claim. */
    remember(token: string, verified: VerifiedToken, expiresAtSeconds: number): void {
      const until = Math.min(expiresAtSeconds * 1000, now() + MAX_AGE_MS);
      if (until <= now()) return;
      entries.delete(token);
      if (entries.size >= maxEntries) {
        const oldest = entries.keys().next();
        if (!oldest.done) entries.delete(oldest.value);
      }
      entries.set(token, { verified, until });
    },
  };
}

import { describe, expect, it } from 'vitest';
import { createVerifiedTokenCache } from './verified-token-cache';

const verified = { tenantId: 'tenant', issuer: 'https://api.botframework.com' };

describe('the verified-token cache', () => {
  it('answers for a token until its exp, then forgets it', () => {
    let now = 1_000_000;
    const cache = createVerifiedTokenCache({ now: () => now });
    cache.remember('a.b.c', verified, now / 1000 + 60);
    expect(cache.get('a.b.c')).toEqual(verified);
    expect(cache.get('a.b.x')).toBeUndefined();
    now += 60_000;
    expect(cache.get('a.b.c')).toBeUndefined();
  });

  it('keeps a long-lived token five minutes at most, so a withdrawn key stops counting', () => {
    let now = 1_000_000;
    const cache = createVerifiedTokenCache({ now: () => now });
    cache.remember('long', verified, now / 1000 + 24 * 3600);
    now += 5 * 60 * 1000 - 1;
    expect(cache.get('long')).toEqual(verified);
    now += 1;
    expect(cache.get('long')).toBeUndefined();
  });

  it('does not keep an expired token, and drops the oldest when full', () => {
    const now = 1_000_000;
    const cache = createVerifiedTokenCache({ now: () => now, maxEntries: 2 });
    cache.remember('expired', verified, now / 1000 - 1);
    expect(cache.get('expired')).toBeUndefined();
    cache.remember('one', verified, now / 1000 + 60);
    cache.remember('two', verified, now / 1000 + 60);
    cache.remember('three', verified, now / 1000 + 60);
    expect([cache.get('one'), cache.get('two'), cache.get('three')]).toEqual([undefined, verified, verified]);
  });
});

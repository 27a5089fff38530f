/**
 * POST /api/forward, the bot's door, under generated hostile requests:
 * wrong, partial, repeated and missing secrets, forged original tokens, and
 * the same hostile bodies as the callback. Exactly the requests with the
 * right secret and a valid body are accepted and relayed, each marked
 * verified only when the original Graph token it carries verifies.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRequest } from '../test-support/http-client';
import { judgeNotificationBody } from './support/body-oracle';
import { authorizationArb, forwardSecretArb, isOversizedHeader } from './support/hostile-auth';
import { hostileBodyArb } from './support/hostile-bodies';
import { checkNotificationAnswer } from './support/notification-answer';
import { describeTally, FUZZ_BODY_LIMIT, FUZZ_FORWARD_SECRET, FUZZ_RUNS, FUZZ_SEED, FUZZ_TIMEOUT_MS, startFuzzTarget, tally, type FuzzTarget } from './support/fuzz-target';

/** True about one case in thirteen. */
const rarelyArb = fc.oneof({ weight: 12, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) });

let target: FuzzTarget;
beforeAll(async () => {
  target = await startFuzzTarget();
});
afterAll(async () => {
  await target.close();
});

describe('fuzzing POST /api/forward', () => {
  it(`answers ${FUZZ_RUNS} hostile requests without a 5xx, and relays exactly those with the secret and a valid body`, async () => {
    const statuses = new Map<string, number>();
    const accepted: { body: string; verified: boolean }[] = [];
    const originalArb = fc.option(authorizationArb(target.tokens), { nil: undefined, freq: 2 });

    await fc.assert(
      fc.asyncProperty(forwardSecretArb(FUZZ_FORWARD_SECRET), originalArb, hostileBodyArb(FUZZ_BODY_LIMIT), rarelyArb, async (secret, original, body, foreignOrigin) => {
        const headers: Record<string, string | string[]> = { 'content-type': 'application/json' };
        if (secret.header !== undefined) headers['x-forward-secret'] = secret.header;
        if (original?.header !== undefined) headers['x-original-authorization'] = original.header;
        // A browser on another site trying the door.
        if (foreignOrigin) headers.origin = 'https://evil.example';
        const response = await target.client.send({ method: 'POST', path: '/api/forward', headers, body: body.bytes, chunked: body.chunked });
        const verdict = judgeNotificationBody(body.bytes, FUZZ_BODY_LIMIT);
        const headerTooLarge = isOversizedHeader(secret.header) || isOversizedHeader(original?.header);
        const mustAccept = secret.valid && verdict.acceptable && headers.origin === undefined && !headerTooLarge;
        const describeCase = () => `${secret.label}, original ${original?.label ?? 'none'} / ${body.kind} (${body.bytes.length} bytes)`;
        tally(statuses, checkNotificationAnswer(response, { mustAccept, headerTooLarge, bodyBytes: body.bytes.length, limitBytes: FUZZ_BODY_LIMIT, describe: describeCase }));
        // Node joins a repeated unknown header with ", " (unlike Authorization, where it keeps the first): that never verifies.
        const originalVerifies = original !== undefined && original.valid && !Array.isArray(original.header);
        if (verdict.acceptable && mustAccept) accepted.push({ body: verdict.canonical, verified: originalVerifies });
      }),
      { numRuns: FUZZ_RUNS, seed: FUZZ_SEED, endOnFailure: true },
    );

    await target.relay.waitForCount(accepted.length, 20_000);
    await new Promise((resolve) => setTimeout(resolve, 200)); // anything wrongly relayed would arrive now
    const verifiedCount = target.relay.notifications.filter((notification) => notification.verified).length;
    console.log(
      `fuzz POST /api/forward: ${FUZZ_RUNS} cases (seed ${FUZZ_SEED}); statuses ${describeTally(statuses)}; ` +
        `relayed ${target.relay.notifications.length} of ${accepted.length} accepted (${verifiedCount} marked verified); internal errors ${target.internalErrors.length}`,
    );
    expect(target.internalErrors).toEqual([]);
    expect(target.relay.malformed).toEqual([]);
    expect(target.relay.notifications.map(({ body, verified }) => ({ body, verified }))).toEqual(accepted);
    expect(target.relay.notifications.every((notification) => notification.source === 'forwarded')).toBe(true);
    expect(accepted.length, 'enough valid cases to mean something').toBeGreaterThan(FUZZ_RUNS / 20);
    expect(verifiedCount, 'some carried a verifying original token').toBeGreaterThan(0);
    expect(target.upstream.requests).toEqual([]);
    expect((await rawRequest(target.server.port, { path: '/api/config' })).status, 'still serving').toBe(200);
  }, FUZZ_TIMEOUT_MS);
});

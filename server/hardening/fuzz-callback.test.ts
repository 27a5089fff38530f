/**
 * POST /api/calls, the public callback, under generated hostile requests:
 * forged and mangled tokens, malformed, mistyped, deep, oddly encoded and
 * oversized bodies. It must never answer 5xx or fail inside, must accept
 * (202) exactly the requests with a valid token and a valid body, and the
 * relay must carry exactly those, in order.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRequest } from '../test-support/http-client';
import { judgeNotificationBody } from './support/body-oracle';
import { authorizationArb, isOversizedHeader } from './support/hostile-auth';
import { hostileBodyArb } from './support/hostile-bodies';
import { checkNotificationAnswer } from './support/notification-answer';
import { describeTally, FUZZ_BODY_LIMIT, FUZZ_RUNS, FUZZ_SEED, FUZZ_TIMEOUT_MS, startFuzzTarget, tally, type FuzzTarget } from './support/fuzz-target';

let target: FuzzTarget;
beforeAll(async () => {
  target = await startFuzzTarget();
});
afterAll(async () => {
  await target.close();
});

const contentTypeArb = fc.constantFrom(undefined, 'application/json', 'application/json; charset=utf-16', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x');
/** Mostly none: each of these is a separate way in (a foreign Origin must be refused even with a good token). */
const extraHeadersArb = fc.oneof(
  { weight: 12, arbitrary: fc.constant<Record<string, string>>({}) },
  { weight: 1, arbitrary: fc.constantFrom('https://evil.example', 'null').map((origin): Record<string, string> => ({ origin })) },
  { weight: 1, arbitrary: fc.constantFrom('gzip', 'br', 'identity').map((encoding): Record<string, string> => ({ 'content-encoding': encoding })) },
  { weight: 1, arbitrary: fc.constant<Record<string, string>>({ 'x-forwarded-for': '203.0.113.9' }) },
);

describe('fuzzing POST /api/calls', () => {
  it(`answers ${FUZZ_RUNS} hostile requests without a 5xx, and relays exactly the valid signed ones`, async () => {
    const statuses = new Map<string, number>();
    const kinds = new Map<string, number>();
    const accepted: string[] = [];

    await fc.assert(
      fc.asyncProperty(authorizationArb(target.tokens), hostileBodyArb(FUZZ_BODY_LIMIT), contentTypeArb, extraHeadersArb, async (auth, body, contentType, extra) => {
        const headers: Record<string, string | string[]> = { ...extra };
        if (auth.header !== undefined) headers.authorization = auth.header;
        if (contentType) headers['content-type'] = contentType;
        const response = await target.client.send({ method: 'POST', path: '/api/calls', headers, body: body.bytes, chunked: body.chunked });
        const verdict = judgeNotificationBody(body.bytes, FUZZ_BODY_LIMIT);
        const headerTooLarge = isOversizedHeader(auth.header);
        // A foreign Origin is refused before anything else; proxy headers do not matter on a public surface.
        const mustAccept = auth.valid && verdict.acceptable && extra.origin === undefined && !headerTooLarge;
        tally(kinds, `${body.kind}${mustAccept ? '+accepted' : ''}`);
        const describeCase = () => `${auth.label} / ${body.kind} (${body.bytes.length} bytes${extra.origin ? `, Origin ${extra.origin}` : ''})`;
        tally(statuses, checkNotificationAnswer(response, { mustAccept, headerTooLarge, bodyBytes: body.bytes.length, limitBytes: FUZZ_BODY_LIMIT, describe: describeCase }));
        if (verdict.acceptable && mustAccept) accepted.push(verdict.canonical);
      }),
      { numRuns: FUZZ_RUNS, seed: FUZZ_SEED, endOnFailure: true },
    );

    await target.relay.waitForCount(accepted.length, 20_000);
    await new Promise((resolve) => setTimeout(resolve, 200)); // anything wrongly relayed would arrive now
    console.log(
      `fuzz POST /api/calls: ${FUZZ_RUNS} cases (seed ${FUZZ_SEED}); statuses ${describeTally(statuses)}; ` +
        `relayed ${target.relay.notifications.length} of ${accepted.length} accepted; internal errors ${target.internalErrors.length}\n  bodies: ${describeTally(kinds)}`,
    );
    expect(target.internalErrors).toEqual([]);
    expect(target.relay.malformed).toEqual([]);
    expect(target.relay.notifications.map((notification) => notification.body)).toEqual(accepted);
    expect(target.relay.notifications.every((notification) => notification.verified && notification.source === 'graph')).toBe(true);
    expect(accepted.length, 'enough valid cases to mean something').toBeGreaterThan(FUZZ_RUNS / 20);
    expect(target.upstream.requests).toEqual([]);
    expect((await rawRequest(target.server.port, { path: '/api/config' })).status, 'still serving').toBe(200);
  }, FUZZ_TIMEOUT_MS);
});

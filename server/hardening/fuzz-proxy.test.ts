/**
 * The /graph proxy under generated hostile requests: traversal and encoding
 * tricks, other Graph resources, every method, stray credentials, foreign
 * hosts and origins, batches hiding forbidden requests. With Graph up (a fake
 * that answers 200 to anything), the proxy must never answer 5xx, never send
 * a request twice, and Graph must see only what the console may send (checked
 * against allowed-upstream.ts, written apart from the proxy's allow-list),
 * with the app token and never the browser's credentials.
 */
import fc from 'fast-check';
import { METHODS } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_CLIENT_ID } from '../test-support/config';
import { rawRequest } from '../test-support/http-client';
import { upstreamViolation } from './support/allowed-upstream';
import { check } from './support/check';
import { describeTally, FUZZ_BODY_LIMIT, FUZZ_GRAPH_TOKEN, FUZZ_RUNS, FUZZ_SEED, FUZZ_TIMEOUT_MS, startFuzzTarget, tally, type FuzzTarget } from './support/fuzz-target';
import { graphRequestArb } from './support/hostile-graph-requests';

let target: FuzzTarget;
beforeAll(async () => {
  target = await startFuzzTarget();
});
afterAll(async () => {
  await target.close();
});

describe('fuzzing the /graph proxy', () => {
  it(`answers ${FUZZ_RUNS} hostile requests without a 5xx, and Graph sees only allowed requests, each once`, async () => {
    const statuses = new Map<string, number>();
    let forwarded = 0;

    await fc.assert(
      fc.asyncProperty(graphRequestArb(FUZZ_BODY_LIMIT), async (request) => {
        const before = target.upstream.requests.length;
        const response = await target.client.send({ method: request.method, path: request.path, headers: request.headers, ...(request.body ? { body: request.body } : {}) });
        const sent = target.upstream.requests.slice(before);
        check(sent.length <= 1, () => `${request.label}: Graph got ${sent.length} requests for one`);
        for (const upstream of sent) {
          const why = upstreamViolation(upstream, FUZZ_GRAPH_TOKEN);
          check(why === undefined, () => `${request.label} reached Graph as ${upstream.method} ${upstream.url}: ${why ?? ''}`);
        }
        forwarded += sent.length;
        if (response.kind === 'reset') {
          tally(statuses, 'reset');
          // Fair only for a body over the limit, or a method or raw non-ASCII path byte that Node's HTTP parser rejects (400, close) before any code of ours runs.
          const parserRejects = !METHODS.includes(request.method) || /[^\x21-\x7e]/.test(request.path);
          check((request.body?.length ?? 0) > FUZZ_BODY_LIMIT || parserRejects, () => `${request.label}: connection reset (${response.code})`);
          return;
        }
        tally(statuses, String(response.status));
        const text = response.body.toString('utf8');
        check(response.status < 500, () => `${request.label}: ${response.status} ${text.slice(0, 300)}`);
        // Forwarded: Graph's answer (the fake's 200). Not forwarded: a refusal, or the console's own /me answer.
        if (sent.length === 1) check(response.status === 200, () => `${request.label}: forwarded, but answered ${response.status}`);
        else if (response.status < 300 && request.path.startsWith('/graph/')) {
          check(text.includes(TEST_CLIENT_ID), () => `${request.label}: ${response.status} without reaching Graph: ${text.slice(0, 300)}`);
        } else if (response.status < 300) {
          // Not under /graph at all (`/./graph/...`, `//graph/...`): the UI's client-side routes answer with index.html.
          check(/^text\/html/.test(String(response.headers['content-type'])), () => `${request.label}: ${response.status} ${text.slice(0, 200)}`);
        }
        check(!text.includes(FUZZ_GRAPH_TOKEN) && !JSON.stringify(response.headers).includes(FUZZ_GRAPH_TOKEN), () => `${request.label}: the app token leaked into the answer`);
        check(response.headers['set-cookie'] === undefined, () => `${request.label}: set a cookie`);
      }),
      { numRuns: FUZZ_RUNS, seed: FUZZ_SEED, endOnFailure: true },
    );

    console.log(
      `fuzz /graph proxy: ${FUZZ_RUNS} cases (seed ${FUZZ_SEED}); statuses ${describeTally(statuses)}; ` +
        `forwarded to Graph ${forwarded}, all on the allowed list; internal errors ${target.internalErrors.length}`,
    );
    expect(target.internalErrors).toEqual([]);
    expect(forwarded, 'enough forwarded cases to mean something').toBeGreaterThan(FUZZ_RUNS / 50);
    expect(target.relay.notifications).toEqual([]);
    expect((await rawRequest(target.server.port, { path: '/api/config' })).status, 'still serving').toBe(200);
  }, FUZZ_TIMEOUT_MS);
});

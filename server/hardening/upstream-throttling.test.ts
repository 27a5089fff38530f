/**
 * Graph throttling (429 with Retry-After) and unavailability (503), played by
 * the fake Graph over TLS with real MSAL: the console's /graph passes each
 * one back plainly — status, Graph's error body and Retry-After — and never
 * retries on its own (the fake must see exactly one request per cancel). The
 * UI honours Retry-After before letting the user send again.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeGraph, type FakeGraph } from '../../e2e/fake-graph/fake-graph';
import { loadTestTls } from '../../e2e/fake-graph/test-tls';
import { graphErrorSchema } from '../../src/graph/schemas';
import { startServer, type RunningServer } from '../app';
import { testConfig, TEST_CLIENT_ID, TEST_TENANT_ID } from '../test-support/config';
import { rawRequest } from '../test-support/http-client';
import { settle } from '../test-support/relay-client';
import { freePort } from '../test-support/server-process';
import { throwawaySecret } from '../../e2e/fake-graph/throwaway-secret';

const CLIENT_SECRET = throwawaySecret();

let graph: FakeGraph | undefined;
let server: RunningServer | undefined;
afterEach(async () => {
  await server?.close();
  await graph?.close();
  [graph, server] = [undefined, undefined];
});

async function start(): Promise<{ fake: FakeGraph; port: number; callId: string }> {
  const port = await freePort();
  graph = await startFakeGraph({
    tenantId: TEST_TENANT_ID,
    clientId: TEST_CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    callbackUrl: `http://127.0.0.1:${port}/api/calls`,
    tls: loadTestTls(),
    log: () => undefined,
  });
  server = await startServer(
    testConfig({
      port,
      graph: { baseUrl: graph.url, authorityHost: graph.url, credential: { kind: 'secret', clientSecret: CLIENT_SECRET } },
      notifications: { openIdConfigUrl: graph.openIdConfigUrl },
    }),
    { log: () => undefined },
  );
  return { fake: graph, port, callId: graph.simulator.knownCalls()[0]?.id ?? '' };
}

const cancel = (port: number, callId: string) =>
  rawRequest(port, {
    method: 'POST',
    path: `/graph/v1.0/communications/calls/${callId}/cancelMediaProcessing`,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ clientContext: 'throttled' }),
  });

const cancelsSeen = (fake: FakeGraph) => fake.graphRequests.filter((request) => request.path.endsWith('/cancelMediaProcessing')).length;

describe('Graph throttling and outages through the /graph proxy', () => {
  it.each<{ status: number; headers: Record<string, string>; code: string; retryAfter: string | undefined }>([
    { status: 429, headers: { 'Retry-After': '7' }, code: 'TooManyRequests', retryAfter: '7' },
    { status: 503, headers: { 'Retry-After': '3' }, code: 'ServiceUnavailable', retryAfter: '3' },
    { status: 503, headers: {}, code: 'ServiceUnavailable', retryAfter: undefined },
  ])('passes a $status (Retry-After $retryAfter) back as Graph sent it, and sends the cancel once', async ({ status, headers, code, retryAfter }) => {
    const { fake, port, callId } = await start();
    fake.failNext(1, status, headers);

    const refused = await cancel(port, callId);
    expect(refused.status).toBe(status);
    expect(refused.headers['retry-after']).toBe(retryAfter);
    const body = graphErrorSchema.parse(refused.json());
    expect(body.error.code).toBe(code);
    await settle(300); // a retry by the server would reach the fake now
    expect(cancelsSeen(fake), 'the server did not retry on its own').toBe(1);

    // The user sends again (after Retry-After, in the UI): one more request, answered normally.
    const retried = await cancel(port, callId);
    expect(retried.status).toBe(200);
    expect(cancelsSeen(fake)).toBe(2);
  });

  it('does not repeat a request through a run of failures either', async () => {
    const { fake, port, callId } = await start();
    fake.failNext(3, 429, { 'Retry-After': '1' });
    const statuses = [];
    for (let attempt = 0; attempt < 3; attempt += 1) statuses.push((await cancel(port, callId)).status);
    await settle(300);
    expect(statuses).toEqual([429, 429, 429]);
    expect(cancelsSeen(fake)).toBe(3);
  });
});

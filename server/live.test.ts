/**
 * The console against the local fake Graph over real TLS (e2e/fake-graph):
 * real MSAL fetching the app token, the proxy, and Graph's signed
 * notifications arriving at the callback and going out on the relay.
 */
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { generate } from 'selfsigned';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeGraph, type FakeGraph } from '../e2e/fake-graph/fake-graph';
import { loadTestTls } from '../e2e/fake-graph/test-tls';
import { startServer, type RunningServer } from './app';
import { configFromEnvironment, type ServerConfig } from './config';
import { makeDist, temporaryDirectory, testConfig, TEST_CLIENT_ID, TEST_TENANT_ID } from './test-support/config';
import { rawRequest } from './test-support/http-client';
import { connectRelay, type RelayTestClient } from './test-support/relay-client';
import { throwawaySecret } from '../e2e/fake-graph/throwaway-secret';

const CLIENT_SECRET = throwawaySecret();

let graph: FakeGraph | undefined;
let server: RunningServer | undefined;
let relay: RelayTestClient | undefined;
const fakeGraphProblems: string[] = [];
afterEach(async () => {
  await relay?.close();
  await server?.close();
  await graph?.close();
  [graph, server, relay] = [undefined, undefined, undefined];
  expect(fakeGraphProblems.splice(0), 'nothing went wrong on the fake Graph side').toEqual([]);
});

/** The console's port is chosen first, because the fake Graph needs the callback URL when it starts. */
function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

async function startFake(port: number, clientCertificate?: string): Promise<FakeGraph> {
  graph = await startFakeGraph({
    tenantId: TEST_TENANT_ID,
    clientId: TEST_CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    ...(clientCertificate ? { clientCertificate } : {}),
    callbackUrl: `http://127.0.0.1:${port}/api/calls`,
    tickMs: 20,
    tls: loadTestTls(),
    log: (line) => fakeGraphProblems.push(line),
  });
  return graph;
}

function liveConfig(port: number, fake: FakeGraph): ServerConfig {
  return testConfig({
    port,
    graph: { baseUrl: fake.url, authorityHost: fake.url, credential: { kind: 'secret', clientSecret: CLIENT_SECRET } },
    notifications: { openIdConfigUrl: fake.openIdConfigUrl },
  });
}

describe('live mode against the fake Graph', () => {
  it('fetches the app token once and reuses it across proxied requests', async () => {
    const port = await freePort();
    const fake = await startFake(port);
    server = await startServer(liveConfig(port, fake), { log: () => undefined });
    const callId = fake.simulator.knownCalls()[0]?.id ?? '';

    for (const version of ['v1.0', 'beta']) {
      const response = await rawRequest(port, { path: `/graph/${version}/communications/calls/${callId}` });
      expect(response.status).toBe(200);
      expect(response.json()).toMatchObject({ id: callId });
    }
    expect(fake.tokenRequests()).toBe(1);
    expect(fake.graphRequests).toHaveLength(2);
  });

  it('cancels media through the proxy; the signed notifications are stored, verified and relayed', async () => {
    const port = await freePort();
    const fake = await startFake(port);
    server = await startServer(liveConfig(port, fake), { log: () => undefined });
    relay = await connectRelay(port, 0);
    const call = fake.simulator.knownCalls().find((known) => known.runningMedia === 'recordResponse');
    if (!call) throw new Error('the seeded tenant has a call recording');

    const response = await rawRequest(port, {
      method: 'POST',
      path: `/graph/v1.0/communications/calls/${call.id}/cancelMediaProcessing`,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ clientContext: 'stop-everything' }),
    });
    expect(response.status).toBe(200);
    expect(response.json()).toMatchObject({ '@odata.type': '#microsoft.graph.cancelMediaProcessingOperation', status: 'completed' });
    expect(String(response.headers.location)).toContain(`/communications/calls/${call.id}/operations/`);

    await fake.settled();
    expect(fake.deliveries.map((delivery) => delivery.status)).toEqual([202, 202, 202]);
    const relayed = await relay.waitForNotifications(3);
    expect(relayed.map(({ seq, source, verified }) => ({ seq, source, verified }))).toEqual([
      { seq: 1, source: 'graph', verified: true },
      { seq: 2, source: 'graph', verified: true },
      { seq: 3, source: 'graph', verified: true },
    ]);
    const knownCalls = (await rawRequest(port, { path: '/api/known-calls' })).json() as { calls: { id: string }[] };
    expect(knownCalls.calls.map((known) => known.id)).toEqual([call.id]);
  });

  it('authenticates with a certificate given by GRAPH_CLIENT_CERTIFICATE_PATH', async () => {
    const pems = await generate([{ name: 'commonName', value: 'comms-console-test-app' }], { keySize: 2048, algorithm: 'sha256' });
    const certificateFile = join(temporaryDirectory('cert'), 'app.pem');
    writeFileSync(certificateFile, `${pems.private}\n${pems.cert}\n`);
    const port = await freePort();
    const fake = await startFake(port, pems.cert);
    const config = configFromEnvironment({
      HOST: '127.0.0.1',
      PORT: String(port),
      DIST_DIR: makeDist(),
      DATA_DIR: temporaryDirectory('data'),
      GRAPH_TENANT_ID: TEST_TENANT_ID,
      GRAPH_CLIENT_ID: TEST_CLIENT_ID,
      GRAPH_CLIENT_CERTIFICATE_PATH: certificateFile,
      GRAPH_BASE_URL: fake.url,
      GRAPH_AUTHORITY_HOST: fake.url,
      NOTIFY_OPENID_CONFIG_URL: fake.openIdConfigUrl,
    });
    server = await startServer(config, { log: () => undefined });
    const callId = fake.simulator.knownCalls()[0]?.id ?? '';
    const response = await rawRequest(port, { path: `/graph/v1.0/communications/calls/${callId}` });
    expect(response.status).toBe(200);
    expect(fake.tokenRequests()).toBe(1);
  });

  it('reports a wrong secret as 502 with the authority\'s reason, and never a token', async () => {
    const port = await freePort();
    const fake = await startFake(port);
    const config = liveConfig(port, fake);
    config.graph.credential = { kind: 'secret', clientSecret: 'not-the-secret' };
    const logLines: string[] = [];
    server = await startServer(config, { log: (line) => logLines.push(line) });
    const response = await rawRequest(port, { path: `/graph/v1.0/communications/calls/${fake.simulator.knownCalls()[0]?.id ?? ''}` });
    expect(response.status).toBe(502);
    expect(response.text).toContain('invalid_client');
    expect(logLines.join('\n')).not.toContain('not-the-secret');
  });
});

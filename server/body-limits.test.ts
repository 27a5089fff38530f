/**
 * Body limits under @hono/node-server: a body over the limit is refused with
 * 413 and the reason, whether Content-Length announces it or it arrives
 * chunked with no length at all (a Hono bodyLimit once answered 500 to every
 * chunked request under this adapter), and a chunked body within the limit is
 * read whole. Nothing refused is stored or forwarded.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_EVENTS_BODY_BYTES } from '../src/graph/sessions';
import { startServer, type RunningServer } from './app';
import { testConfig } from './test-support/config';
import { startFakeUpstream, type FakeUpstream } from './test-support/fake-upstream';
import { TEST_FORWARD_SECRET } from './test-support/forward';
import { rawRequest, type RawResponse } from './test-support/http-client';
import { operationDeleted } from './test-support/sample-notifications';
import { storedNotifications } from './test-support/stored';

const LIMIT = 8 * 1024;
const CALL = '57dab8b1-894c-409a-b240-bd8beae78896';

let server: RunningServer;
let upstream: FakeUpstream;
let dataDir: string;
beforeEach(async () => {
  upstream = await startFakeUpstream();
  const config = testConfig({ maxBodyBytes: LIMIT, forwardSecret: TEST_FORWARD_SECRET, graph: { baseUrl: upstream.url } });
  dataDir = config.dataDir;
  server = await startServer(config, { log: () => undefined, getGraphToken: () => Promise.resolve('token') });
});
afterEach(async () => {
  await server.close();
  await upstream.close();
});

type Framing = 'chunked' | 'content-length';
const post = (path: string, body: string, framing: Framing, headers: Record<string, string> = {}) =>
  rawRequest(server.port, {
    method: 'POST',
    path,
    headers: {
      'content-type': 'application/json',
      ...(framing === 'chunked' ? { 'transfer-encoding': 'chunked' } : { 'content-length': String(Buffer.byteLength(body)) }),
      ...headers,
    },
    body,
  });

const notificationOfSize = (bytes: number) => {
  const base = JSON.stringify({ ...operationDeleted('call-1', 'op-1'), padding: '' });
  return JSON.stringify({ ...operationDeleted('call-1', 'op-1'), padding: 'x'.repeat(Math.max(0, bytes - base.length)) });
};

function expectTooLarge(response: RawResponse, limit: number) {
  expect(response.status, response.text).toBe(413);
  expect(response.headers['content-type']).toContain('application/json');
  expect(JSON.stringify(response.json())).toContain(`limit of ${limit} bytes`);
}

describe.each<Framing>(['chunked', 'content-length'])('a body sent with %s', (framing) => {
  it('over MAX_BODY_BYTES is refused with 413 at the forward door, and not stored', async () => {
    expectTooLarge(await post('/api/forward', notificationOfSize(LIMIT + 1), framing, { 'x-forward-secret': TEST_FORWARD_SECRET }), LIMIT);
    expect(storedNotifications(dataDir)).toEqual([]);
  });

  it('over MAX_BODY_BYTES is refused with 413 at the callback, and not stored', async () => {
    expectTooLarge(await post('/api/calls', notificationOfSize(LIMIT * 2), framing), LIMIT);
    expect(storedNotifications(dataDir)).toEqual([]);
  });

  it('within MAX_BODY_BYTES is read whole and stored', async () => {
    const body = notificationOfSize(LIMIT);
    expect(Buffer.byteLength(body)).toBe(LIMIT);
    expect((await post('/api/forward', body, framing, { 'x-forward-secret': TEST_FORWARD_SECRET })).status).toBe(202);
    expect(storedNotifications(dataDir).map((row) => row.body)).toEqual([body]);
  });

  it('over MAX_BODY_BYTES is refused with 413 by the /graph proxy, and not forwarded', async () => {
    const body = JSON.stringify({ clientContext: 'x'.repeat(LIMIT) });
    expectTooLarge(await post(`/graph/v1.0/communications/calls/${CALL}/cancelMediaProcessing`, body, framing), LIMIT);
    expect(upstream.requests).toEqual([]);
    const within = await post(`/graph/v1.0/communications/calls/${CALL}/cancelMediaProcessing`, JSON.stringify({ clientContext: 'c' }), framing);
    expect(within.status).toBe(200);
    expect(upstream.requests).toHaveLength(1);
  });

  it('over the events limit is refused with 413 by the history API', async () => {
    const session = (await post('/api/sessions', '{}', framing)).json() as { id: string };
    const huge = JSON.stringify({ events: [{ afterSeq: 0, event: { kind: 'request', padding: 'x'.repeat(MAX_EVENTS_BODY_BYTES) } }] });
    expectTooLarge(await post(`/api/sessions/${session.id}/events`, huge, framing), MAX_EVENTS_BODY_BYTES);
  });
});

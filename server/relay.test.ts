import { afterEach, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from './app';
import { SLOW_CLIENT_CLOSE_CODE } from './relay';
import { testConfig, type ConfigOverrides } from './test-support/config';
import { forwardNotification, TEST_FORWARD_SECRET } from './test-support/forward';
import { rawRequest } from './test-support/http-client';
import { connectRelay, settle, type RelayTestClient } from './test-support/relay-client';
import { callState, operationDeleted } from './test-support/sample-notifications';

const servers: RunningServer[] = [];
const clients: RelayTestClient[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close()));
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function start(overrides: ConfigOverrides = {}, log: (line: string) => void = () => undefined) {
  const server = await startServer(testConfig({ forwardSecret: TEST_FORWARD_SECRET, ...overrides }), { log });
  servers.push(server);
  return server;
}

async function relay(port: number, since?: number, options?: Parameters<typeof connectRelay>[2]) {
  const client = await connectRelay(port, since, options);
  clients.push(client);
  return client;
}

const post = (server: RunningServer, n: number) => forwardNotification(server.port, operationDeleted('call-1', `op-${n}`, `n${n}`));
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
const seqs = (client: RelayTestClient) => client.notifications().map((notification) => notification.seq);

describe('the /relay websocket', () => {
  it('says hello with the last seq, then relays each notification once', async () => {
    const server = await start();
    const client = await relay(server.port);
    expect(client.messages[0]).toEqual({ type: 'hello', lastSeq: 0 });
    await post(server, 1);
    await post(server, 2);
    const received = await client.waitForNotifications(2);
    expect(received.map((n) => [n.seq, (n.body as { value: { resourceData: { clientContext: string } }[] }).value[0]?.resourceData.clientContext])).toEqual([
      [1, 'n1'],
      [2, 'n2'],
    ]);
    await settle();
    expect(seqs(client)).toEqual([1, 2]);
  });

  it('gives a client that reconnects with since every missed notification, once, in order, even while more arrive', async () => {
    const server = await start();
    const first = await relay(server.port);
    for (const n of range(1, 3)) await post(server, n);
    await first.waitForNotifications(3);
    await first.close();

    for (const n of range(4, 10)) await post(server, n);
    // Reconnect while notifications keep arriving: replay and broadcast race.
    const arriving = Promise.all(range(11, 40).map((n) => post(server, n)));
    const second = await relay(server.port, 3);
    await arriving;
    for (const n of range(41, 45)) await post(server, n);
    await second.waitForNotifications(42);
    await settle();
    expect(second.messages[0]?.type).toBe('hello');
    expect(seqs(second)).toEqual(range(4, 45));
  });

  it('replays a long history page by page without losing order to live notifications', async () => {
    const server = await start();
    for (let batch = 0; batch < 5; batch += 1) await Promise.all(range(1, 100).map((n) => post(server, batch * 100 + n)));
    const arriving = Promise.all(range(501, 560).map((n) => post(server, n)));
    const client = await relay(server.port, 0);
    await arriving;
    await client.waitForNotifications(560, 10_000);
    await settle();
    expect(seqs(client)).toEqual(range(1, 560));
  });

  it('loses nothing across a server restart, and seq carries on', async () => {
    // One configuration, so one DATA_DIR, for both lives of the server.
    const config = testConfig({ forwardSecret: TEST_FORWARD_SECRET });
    const before = await startServer(config, { log: () => undefined });
    servers.push(before);
    for (const n of range(1, 5)) await post(before, n);
    await forwardNotification(before.port, callState('call-2', 'established'));
    await before.close();
    servers.splice(0);

    const after = await startServer(config, { log: () => undefined });
    servers.push(after);
    const resumed = await relay(after.port, 2);
    expect(resumed.messages[0]).toEqual({ type: 'hello', lastSeq: 6 });
    await post(after, 7);
    await resumed.waitForNotifications(5);
    await settle();
    expect(seqs(resumed)).toEqual([3, 4, 5, 6, 7]);

    const everything = await relay(after.port, 0);
    await everything.waitForNotifications(7);
    expect(seqs(everything)).toEqual(range(1, 7));

    const knownCalls = await rawRequest(after.port, { path: '/api/known-calls' });
    expect(knownCalls.json()).toMatchObject({ calls: [{ id: 'call-1', state: 'unknown' }, { id: 'call-2', state: 'established' }] });
  });

  it('refuses a since that is not a non-negative integer', async () => {
    const server = await start();
    await expect(connectRelay(server.port, -1)).rejects.toThrow('400');
    await expect(connectRelay(server.port, 1.5)).rejects.toThrow('400');
  });

  it('closes a client too slow to keep up with 1013 and a clear reason, and keeps serving the others', async () => {
    const logLines: string[] = [];
    const server = await start({ maxBodyBytes: 256 * 1024, relay: { maxBufferedBytes: 64 * 1024 } }, (line) => logLines.push(line));
    const slow = await relay(server.port);
    const healthy = await relay(server.port);
    slow.socket.pause(); // stops reading: the server's send buffer for it grows
    const big = { value: [{ changeType: 'updated', resourceUrl: '/communications/calls/big', padding: 'x'.repeat(200 * 1024) }] };
    let posted = 0;
    while (!logLines.some((line) => line.includes('too slow')) && posted < 300) {
      await forwardNotification(server.port, big);
      posted += 1;
    }
    expect(logLines.some((line) => line.includes('too slow'))).toBe(true);
    slow.socket.resume();
    const closed = await slow.closed;
    expect(closed.code).toBe(SLOW_CLIENT_CLOSE_CODE);
    expect(closed.reason).toContain('too slow');
    await healthy.waitForNotifications(posted, 20_000);
  }, 60_000);

  it('turns a client live when the newest notifications were deleted with their session', async () => {
    const server = await start();
    const session = async () => {
      const response = await rawRequest(server.port, { method: 'POST', path: '/api/sessions', headers: { 'content-type': 'application/json' }, body: '{}' });
      return (response.json() as { id: string }).id;
    };
    const first = await session();
    for (const n of range(1, 3)) await post(server, n);
    await session();
    expect((await rawRequest(server.port, { method: 'DELETE', path: `/api/sessions/${first}` })).status).toBe(204);
    // The log is empty below lastSeq 3: replay finds nothing and the client must go live, not read forever.
    const client = await relay(server.port);
    expect(client.messages[0]).toEqual({ type: 'hello', lastSeq: 3 });
    await post(server, 4);
    expect((await client.waitForNotifications(1)).map((n) => n.seq)).toEqual([4]);
  });

  it('terminates a peer that stops answering pings', async () => {
    const server = await start({ relay: { pingIntervalMs: 100 } });
    const dead = await relay(server.port, 0, { autoPong: false });
    const alive = await relay(server.port, 0);
    const closed = await dead.closed;
    expect(closed.code).toBe(1006); // cut off, no close handshake
    await settle(300);
    expect(alive.socket.readyState).toBe(alive.socket.OPEN);
  });
});

describe('GET /api/known-calls', () => {
  it('lists the calls seen in notifications with their last known state, most recent first', async () => {
    const server = await start();
    await forwardNotification(server.port, callState('call-a', 'establishing'));
    await forwardNotification(server.port, operationDeleted('call-b', 'op-1'));
    await forwardNotification(server.port, callState('call-a', 'established'));
    await forwardNotification(server.port, operationDeleted('call-a', 'op-2')); // no state: keeps 'established'
    const response = await rawRequest(server.port, { path: '/api/known-calls' });
    expect(response.status).toBe(200);
    const { calls } = response.json() as { calls: { id: string; state: string; participants: unknown[]; queuedMedia: number; lastSeenAt: string }[] };
    expect(calls.map(({ id, state, participants, queuedMedia }) => ({ id, state, participants, queuedMedia }))).toEqual([
      { id: 'call-a', state: 'established', participants: [], queuedMedia: 0 },
      { id: 'call-b', state: 'unknown', participants: [], queuedMedia: 0 },
    ]);
    expect(calls.every((call) => !Number.isNaN(Date.parse(call.lastSeenAt)))).toBe(true);
  });
});

/**
 * Several consoles, one notification log: two console processes on one real
 * redis-server (AOF, appendfsync always) that the test starts itself. A
 * notification POSTed to one reaches the relay clients of the other; killing
 * one mid-stream, moving a client from one to the other, and restarting
 * Redis mid-stream lose nothing that was answered 202, and no client sees a
 * gap or a duplicate.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { RelayNotification } from '../../src/graph/schemas';
import { LOG_UNREACHABLE_REASON } from '../../src/graph/console';
import { openRedisStore } from '../redis-store';
import { makeDist, temporaryDirectory, TEST_CLIENT_ID, TEST_TENANT_ID } from '../test-support/config';
import { forwardNotification, TEST_FORWARD_SECRET } from '../test-support/forward';
import { rawRequest } from '../test-support/http-client';
import { startNotificationKeys, type NotificationKeys } from '../test-support/notification-keys';
import { startRedisServer, type RedisServer } from '../test-support/redis-server';
import { connectRelay, settle } from '../test-support/relay-client';
import { operationDeleted } from '../test-support/sample-notifications';
import { freePort, spawnServer, type ServerProcess } from '../test-support/server-process';
import { streamNotifications } from './support/notification-stream';
import { startResumingRelay, type ResumingRelay } from './support/resuming-relay';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  // Last started, first stopped.
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
const later = <T>(cleanup: () => Promise<T>) => cleanups.push(cleanup);

interface Team {
  redis: RedisServer;
  keys: NotificationKeys;
  token: string;
  a: ServerProcess;
  b: ServerProcess;
}

async function startConsole(redis: RedisServer, keys: NotificationKeys): Promise<ServerProcess> {
  const server = await spawnServer({
    readyTimeoutMs: 120_000,
    env: {
      HOST: '127.0.0.1',
      PORT: String(await freePort()),
      DATA_DIR: temporaryDirectory('team-data'),
      DIST_DIR: makeDist(),
      GRAPH_TENANT_ID: TEST_TENANT_ID,
      GRAPH_CLIENT_ID: TEST_CLIENT_ID,
      NOTIFY_OPENID_CONFIG_URL: keys.openIdConfigUrl,
      FORWARD_SECRET: TEST_FORWARD_SECRET,
      REDIS_URL: redis.url,
    },
  });
  later(() => server.stop());
  return server;
}

async function startTeam(): Promise<Team> {
  const redis = await startRedisServer();
  later(() => redis.stop());
  const keys = await startNotificationKeys();
  later(() => keys.close());
  const [a, b] = await Promise.all([startConsole(redis, keys), startConsole(redis, keys)]);
  return { redis, keys, token: await keys.sign(), a, b };
}

function resumingRelay(port: number): ResumingRelay {
  const relay = startResumingRelay(port);
  later(() => relay.stop());
  return relay;
}

/** Everything in the shared log, read as another instance would. */
async function storedIn(redis: RedisServer): Promise<RelayNotification[]> {
  const store = await openRedisStore({ url: redis.url, streamMaxEntries: 100_000 });
  try {
    const all: RelayNotification[] = [];
    for (let page = await store.log.listAfter(0, 1000); page.length > 0; page = await store.log.listAfter(page.at(-1)?.seq ?? 0, 1000)) all.push(...page);
    return all;
  } finally {
    await store.close();
  }
}

/** Opens /relay and resolves with how the server closed it. */
function closeOfRelay(port: number): Promise<{ code: number; reason: string }> {
  const socket = new WebSocket(`ws://127.0.0.1:${port}/relay`);
  return new Promise((resolve, reject) => {
    socket.once('error', reject);
    socket.once('close', (code, reason) => resolve({ code, reason: reason.toString('utf8') }));
  });
}

const contextOf = (notification: RelayNotification): string =>
  (notification.body as { value: { resourceData: { clientContext: string } }[] }).value[0]?.resourceData.clientContext ?? '';
const oneTo = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

describe('two consoles on one Redis', () => {
  it('relays a notification POSTed to A to a websocket client of B', async () => {
    const { a, b } = await startTeam();
    const onB = await connectRelay(b.port);
    later(() => onB.close());
    expect(onB.messages[0]).toEqual({ type: 'hello', lastSeq: 0 });
    await forwardNotification(a.port, operationDeleted('call-1', 'op-1', 'posted-to-a'));
    const [received] = await onB.waitForNotifications(1);
    expect(received).toMatchObject({ seq: 1, source: 'forwarded', body: operationDeleted('call-1', 'op-1', 'posted-to-a') });
    // B knows the call too, and says the same lastSeq as A.
    const calls = (await rawRequest(b.port, { path: '/api/known-calls' })).json() as { calls: { id: string }[] };
    expect(calls.calls.map((call) => call.id)).toEqual(['call-1']);
    const onA = await connectRelay(a.port, 1);
    later(() => onA.close());
    expect(onA.messages[0]).toEqual({ type: 'hello', lastSeq: 1 });
  }, 240_000);

  it('loses nothing answered 202 when A is killed with SIGKILL mid-stream, and B’s clients see no gap', async () => {
    const { redis, token, a, b } = await startTeam();
    const onB = resumingRelay(b.port);
    const stream = streamNotifications({ port: a.port, token, senders: 4, maxAttempts: 2_000, maxMs: 45_000 });
    later(() => stream.stop());
    await stream.waitForAccepted(40, 20_000);
    await a.killHard(); // requests in flight: some stored and answered, some stored and not, some neither
    await stream.stop();

    const stored = await storedIn(redis);
    await onB.waitForSeq(stored.at(-1)?.seq ?? 0, 15_000);
    await settle(200); // a duplicate would arrive now
    const storedContexts = new Set(stored.map(contextOf));
    expect([...stream.accepted].filter((context) => !storedContexts.has(context)), 'every 202 is in the log').toEqual([]);
    expect(stored.map((n) => n.seq)).toEqual(oneTo(stored.length));
    expect(onB.connections(), 'B’s client never had to reconnect').toBe(1);
    expect(onB.gaps).toEqual([]);
    expect(onB.duplicates).toEqual([]);
    expect(onB.seqs).toEqual(stored.map((n) => n.seq));
  }, 240_000);

  it('gives a client that moves from A to B with since every notification once, in order', async () => {
    const { a, b } = await startTeam();
    const post = (n: number) => forwardNotification(n % 2 === 0 ? a.port : b.port, operationDeleted('call-1', `op-${n}`, `n${n}`));
    const onA = await connectRelay(a.port);
    for (const n of oneTo(10)) await post(n);
    await onA.waitForNotifications(10);
    await onA.close();
    const since = onA.notifications().at(-1)?.seq ?? 0;

    for (let n = 11; n <= 20; n += 1) await post(n);
    // Moving while notifications keep arriving on both: replay and live delivery race.
    const arriving = Promise.all(Array.from({ length: 20 }, (_, i) => post(21 + i)));
    const onB = await connectRelay(b.port, since);
    later(() => onB.close());
    await arriving;
    await onB.waitForNotifications(30, 10_000);
    await settle(200);
    const seen = [...onA.notifications(), ...onB.notifications()];
    expect(seen.map((n) => n.seq)).toEqual(oneTo(40));
    expect(new Set(seen.map(contextOf)).size).toBe(40);
  }, 240_000);

  it('answers 503 while Redis is down, says why on the relay, and resumes every client with nothing lost when it is back', async () => {
    const { redis, token, a, b } = await startTeam();
    const onA = resumingRelay(a.port);
    const onB = resumingRelay(b.port);
    const stream = streamNotifications({ port: a.port, token, senders: 4, maxAttempts: 5_000, maxMs: 60_000 });
    later(() => stream.stop());
    await stream.waitForAccepted(40, 20_000);

    await redis.kill();
    const acceptedBeforeRestart = stream.accepted.size;
    const refused = await rawRequest(b.port, {
      method: 'POST',
      path: '/api/calls',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(operationDeleted('call-1', 'op-down', 'while-down')),
    });
    expect(refused.status, 'Graph retries a 503').toBe(503);
    expect(refused.headers['retry-after'], 'and is told when').toBe('1');
    expect(refused.text).toContain('unreachable');
    expect((await rawRequest(b.port, { path: '/api/known-calls' })).status).toBe(503);
    // The browser's relay status shows this close reason, and keeps reconnecting on 1013.
    expect(await closeOfRelay(b.port)).toEqual({ code: 1013, reason: LOG_UNREACHABLE_REASON });

    await redis.restart();
    await stream.waitForAccepted(acceptedBeforeRestart + 40, 30_000);
    await stream.stop();
    const stored = await storedIn(redis);
    const last = stored.at(-1)?.seq ?? 0;
    await Promise.all([onA.waitForSeq(last, 20_000), onB.waitForSeq(last, 20_000)]);
    await settle(200);

    const storedContexts = new Set(stored.map(contextOf));
    expect([...stream.accepted].filter((context) => !storedContexts.has(context)), 'every 202 survived the restart').toEqual([]);
    expect(storedContexts.has('while-down')).toBe(false);
    for (const relay of [onA, onB]) {
      expect(relay.connections(), 'clients were closed while Redis was down, and came back').toBeGreaterThanOrEqual(2);
      expect(relay.gaps).toEqual([]);
      expect(relay.duplicates).toEqual([]);
      expect(relay.seqs).toEqual(stored.map((n) => n.seq));
    }
  }, 240_000);
});

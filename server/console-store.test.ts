/**
 * The store contract: the embedded SQLite store (in a temporary folder) and
 * the Redis store (on a real redis-server these tests start) pass the same
 * tests, so the server behaves the same on either.
 */
import Database from 'better-sqlite3';
import { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RelayNotification } from '../src/graph/schemas';
import type { PlacedEvent } from '../src/graph/sessions';
import type { ConsoleStore, NewNotification } from './console-store';
import type { StoredRecordedBytes } from './session-store';
import { openRedisStore } from './redis-store';
import { openSqliteStore } from './sqlite-store';
import { DATABASE_FILE } from './store';
import { temporaryDirectory } from './test-support/config';
import { startRedisServer, type RedisServer } from './test-support/redis-server';
import { callState, operationDeleted } from './test-support/sample-notifications';
import { cancelRequest } from './test-support/sample-events';

interface Backend {
  name: string;
  /** A fresh, empty store's location; `open` on the same location opens the same data (a restart, or another instance). */
  newLocation(): string;
  open(location: string): Promise<ConsoleStore>;
  /** Makes the store's writes fail, as a full disk or a Redis refusing writes would; the function returned ends that. */
  refuseWrites(location: string): Promise<() => Promise<void>>;
}

let redis: RedisServer | undefined;
beforeAll(async () => {
  redis = await startRedisServer();
});
afterAll(async () => {
  await redis?.stop();
});

const backends: Backend[] = [
  {
    name: 'SQLite',
    newLocation: () => temporaryDirectory('store'),
    open: async (dir) => openSqliteStore(dir),
    async refuseWrites(dir) {
      const db = new Database(join(dir, DATABASE_FILE));
      db.exec("CREATE TRIGGER refuse_writes BEFORE INSERT ON notifications BEGIN SELECT RAISE(ABORT, 'the disk refused the write'); END;");
      return async () => {
        db.exec('DROP TRIGGER refuse_writes');
        db.close();
      };
    },
  },
  {
    name: 'Redis',
    newLocation: () => `test-${randomUUID()}:`,
    open: (prefix) => openRedisStore({ url: redis?.url ?? '', streamMaxEntries: 100_000, keyPrefix: prefix }),
    async refuseWrites() {
      // Redis refuses every write while it has fewer good replicas than this (none here): NOREPLICAS.
      const admin = new Redis(redis?.url ?? '');
      await admin.config('SET', 'min-replicas-to-write', '1');
      return async () => {
        await admin.config('SET', 'min-replicas-to-write', '0');
        admin.disconnect();
      };
    },
  },
];

const opened: ConsoleStore[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((store) => store.close()));
});

const notification = (body: Record<string, unknown>, overrides: Partial<NewNotification> = {}): NewNotification => ({
  receivedAt: '2026-11-30T01:00:00.000Z',
  verified: true,
  source: 'graph',
  bodyText: JSON.stringify(body),
  body,
  ...overrides,
});
const op = (n: number) => notification(operationDeleted('call-1', `op-${n}`, `n${n}`));
const request = (id: string): PlacedEvent['event'] => cancelRequest(id);

/** Waits until `received` holds `count` notifications (the Redis feed is asynchronous). */
async function waitFor(received: RelayNotification[], count: number): Promise<RelayNotification[]> {
  for (let waited = 0; received.length < count && waited < 5_000; waited += 10) await new Promise((resolve) => setTimeout(resolve, 10));
  return received;
}

describe.each(backends)('the $name store', (backend) => {
  const open = async (location = backend.newLocation()) => {
    const store = await backend.open(location);
    opened.push(store);
    return store;
  };

  it('numbers notifications 1, 2, 3 and gives back exactly what was appended', async () => {
    const store = await open();
    expect(await store.log.lastSeq()).toBe(0);
    const first = await store.log.append(op(1));
    await store.log.append(op(2));
    await store.log.append(notification(callState('call-2', 'established'), { verified: false, source: 'forwarded', receivedAt: '2026-11-30T01:00:01.000Z' }));
    expect(first).toEqual({ type: 'notification', seq: 1, receivedAt: '2026-11-30T01:00:00.000Z', verified: true, source: 'graph', body: operationDeleted('call-1', 'op-1', 'n1') });

    const all = await store.log.listAfter(0, 10);
    expect(all.map((n) => n.seq)).toEqual([1, 2, 3]);
    expect(all[0]).toEqual(first);
    expect(all[2]).toEqual({ type: 'notification', seq: 3, receivedAt: '2026-11-30T01:00:01.000Z', verified: false, source: 'forwarded', body: callState('call-2', 'established') });
    expect((await store.log.listAfter(1, 1)).map((n) => n.seq)).toEqual([2]);
    expect(await store.log.listAfter(3, 10)).toEqual([]);
    expect(await store.log.lastSeq()).toBe(3);
    expect(await store.log.count()).toBe(3);
    expect(await store.log.get(2)).toEqual(all[1]);
    expect(await store.log.get(4)).toBeUndefined();
  });

  it('keeps the body text exactly as received', async () => {
    const store = await open();
    const bodyText = '{"value":[{"changeType":"updated","resourceUrl":"/communications/calls/c1","note":"ünïcødé \\u2028"}]}';
    await store.log.append({ ...op(1), bodyText, body: JSON.parse(bodyText) as unknown });
    expect((await store.log.get(1))?.body).toEqual(JSON.parse(bodyText));
  });

  it('tells a follower every notification appended after it started, once, in seq order', async () => {
    const store = await open();
    await store.log.append(op(1));
    const received: RelayNotification[] = [];
    const stop = store.log.follow({ notification: (n) => received.push(n) });
    await Promise.all([2, 3, 4, 5, 6].map((n) => store.log.append(op(n))));
    expect((await waitFor(received, 5)).map((n) => n.seq)).toEqual([2, 3, 4, 5, 6]);
    stop();
    await store.log.append(op(7));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(received).toHaveLength(5);
  });

  it('commits the appends of one turn together: each answered once stored, seq in the order of the appends, followed in that order', async () => {
    const location = backend.newLocation();
    const store = await open(location);
    await store.log.append(op(0));
    // Another connection to the same log (for Redis, another instance).
    const reader = await open(location);
    const followed: RelayNotification[] = [];
    store.log.follow({ notification: (n) => followed.push(n) });
    await store.log.lastSeq();
    const appends = Array.from({ length: 40 }, (_, i) => i + 1);
    // All in this turn; each checks, once answered, that the log holds it, read through the other connection.
    const answered = await Promise.all(
      appends.map((n) => store.log.append(op(n)).then(async (stored) => ({ seq: stored.seq, readBack: (await reader.log.get(stored.seq))?.body }))),
    );
    expect(answered).toEqual(appends.map((n) => ({ seq: n + 1, readBack: operationDeleted('call-1', `op-${n}`, `n${n}`) })));
    expect((await store.log.listAfter(1, 100)).map((n) => n.body)).toEqual(appends.map((n) => operationDeleted('call-1', `op-${n}`, `n${n}`)));
    expect((await waitFor(followed, 40)).map((n) => n.seq)).toEqual(appends.map((n) => n + 1));
  });

  it('keeps the calls of a turn as if appended one by one: the last state given wins, last seen in the last mention', async () => {
    const store = await open();
    await Promise.all([
      store.log.append(notification(callState('call-a', 'establishing'), { receivedAt: '2026-11-30T01:00:00.000Z' })),
      store.log.append(notification(operationDeleted('call-b', 'op-1'), { receivedAt: '2026-11-30T01:00:01.000Z' })),
      store.log.append(notification(callState('call-a', 'established'), { receivedAt: '2026-11-30T01:00:02.000Z' })),
      store.log.append(notification(operationDeleted('call-a', 'op-2'), { receivedAt: '2026-11-30T01:00:03.000Z' })),
      store.log.append(notification(operationDeleted('call-c', 'op-3'), { receivedAt: '2026-11-30T01:00:04.000Z' })),
      store.log.append(notification(operationDeleted('call-b', 'op-4'), { receivedAt: '2026-11-30T01:00:05.000Z' })),
    ]);
    expect(await store.knownCalls()).toEqual([
      { id: 'call-b', state: 'unknown', participants: [], queuedMedia: 0, lastSeenAt: '2026-11-30T01:00:05.000Z' },
      { id: 'call-c', state: 'unknown', participants: [], queuedMedia: 0, lastSeenAt: '2026-11-30T01:00:04.000Z' },
      { id: 'call-a', state: 'established', participants: [], queuedMedia: 0, lastSeenAt: '2026-11-30T01:00:03.000Z' },
    ]);
  });

  it('fails every append of a turn whose commit fails, stores and follows none of them, and leaves no hole in seq', async () => {
    const location = backend.newLocation();
    const store = await open(location);
    const followed: RelayNotification[] = [];
    store.log.follow({ notification: (n) => followed.push(n) });
    await store.log.lastSeq();
    await store.log.append(op(1));
    const allowWrites = await backend.refuseWrites(location);
    let outcomes: PromiseSettledResult<RelayNotification>[];
    try {
      outcomes = await Promise.allSettled([2, 3, 4, 5].map((n) => store.log.append(op(n))));
    } finally {
      await allowWrites();
    }
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['rejected', 'rejected', 'rejected', 'rejected']);
    expect((await store.log.listAfter(0, 10)).map((n) => n.body)).toEqual([operationDeleted('call-1', 'op-1', 'n1')]);
    // The next turn is a new batch: stored, followed right after the one before the failure.
    expect((await store.log.append(op(6))).seq).toBe(2);
    expect((await waitFor(followed, 2)).map((n) => [n.seq, n.body])).toEqual([
      [1, operationDeleted('call-1', 'op-1', 'n1')],
      [2, operationDeleted('call-1', 'op-6', 'n6')],
    ]);
  });

  it('keeps everything, and the seq goes on, after a close and reopen', async () => {
    const location = backend.newLocation();
    const first = await open(location);
    await first.log.append(op(1));
    const session = await first.sessions.start({ id: randomUUID(), name: 'kept', startedAt: '2026-11-30T01:00:00.000Z' });
    await first.close();
    const again = await open(location);
    expect((await again.log.append(op(2))).seq).toBe(2);
    expect((await again.log.listAfter(0, 10)).map((n) => n.seq)).toEqual([1, 2]);
    expect(await again.sessions.get(session.id)).toEqual(session);
    expect((await again.knownCalls()).map((call) => call.id)).toEqual(['call-1']);
  });

  it('knows the calls seen, most recent first, keeping a known state when a notification does not say', async () => {
    const store = await open();
    expect(await store.knownCalls()).toEqual([]);
    await store.log.append(notification(callState('call-a', 'establishing'), { receivedAt: '2026-11-30T01:00:00.000Z' }));
    await store.log.append(notification(operationDeleted('call-b', 'op-1'), { receivedAt: '2026-11-30T01:00:01.000Z' }));
    await store.log.append(notification(operationDeleted('call-a', 'op-2'), { receivedAt: '2026-11-30T01:00:02.000Z' }));
    expect(await store.knownCalls()).toEqual([
      { id: 'call-a', state: 'establishing', participants: [], queuedMedia: 0, lastSeenAt: '2026-11-30T01:00:02.000Z' },
      { id: 'call-b', state: 'unknown', participants: [], queuedMedia: 0, lastSeenAt: '2026-11-30T01:00:01.000Z' },
    ]);
    await store.log.append(notification(callState('call-b', 'established'), { receivedAt: '2026-11-30T01:00:03.000Z' }));
    expect((await store.knownCalls()).map((call) => [call.id, call.state])).toEqual([
      ['call-b', 'established'],
      ['call-a', 'establishing'],
    ]);
  });

  it('tiles the seq line with sessions: each holds the notifications after the previous one ended', async () => {
    const store = await open();
    await store.log.append(op(1));
    const first = await store.sessions.start({ id: randomUUID(), name: 'first', startedAt: '2026-11-30T01:00:00.000Z' });
    expect(first.startSeq).toBe(0);
    await store.log.append(op(2));
    await store.sessions.append(first.id, [{ afterSeq: 2, event: request('r1') }]);
    const second = await store.sessions.start({ id: randomUUID(), name: 'second', startedAt: '2026-11-30T01:01:00.000Z' });
    expect(second.startSeq).toBe(2);
    await store.log.append(op(3));

    const list = await store.sessions.list();
    expect(list.currentId).toBe(second.id);
    expect(list.sessions).toEqual([
      { ...second, eventCount: 1 },
      { ...first, endedAt: '2026-11-30T01:01:00.000Z', endSeq: 2, eventCount: 3 },
    ]);
    const ended = await store.sessions.get(first.id);
    expect(ended).toEqual({ ...first, endedAt: '2026-11-30T01:01:00.000Z', endSeq: 2 });
    const events = await store.sessions.events(ended ?? first);
    expect(events.map((event) => (event.kind === 'notification' ? `n${event.seq}` : event.kind))).toEqual(['n1', 'n2', 'request']);
    expect((await store.sessions.events(second)).map((event) => (event.kind === 'notification' ? event.seq : 0))).toEqual([3]);
    expect(await store.sessions.get(randomUUID())).toBeUndefined();
  });

  it('removes a session with its recorded events and notifications, and the seq never goes back', async () => {
    const store = await open();
    const first = await store.sessions.start({ id: randomUUID(), name: 'first', startedAt: '2026-11-30T01:00:00.000Z' });
    await store.log.append(op(1));
    await store.log.append(op(2));
    await store.sessions.append(first.id, [{ afterSeq: 1, event: request('r1') }]);
    const second = await store.sessions.start({ id: randomUUID(), name: 'second', startedAt: '2026-11-30T01:01:00.000Z' });
    await store.log.append(op(3));
    const ended = (await store.sessions.get(first.id)) ?? first;
    await store.sessions.remove(ended);

    expect(await store.sessions.get(first.id)).toBeUndefined();
    expect((await store.sessions.list()).sessions.map((session) => [session.id, session.eventCount])).toEqual([[second.id, 1]]);
    expect((await store.log.listAfter(0, 10)).map((n) => n.seq)).toEqual([3]);
    expect(await store.log.get(1)).toBeUndefined();
    expect(await store.log.lastSeq()).toBe(3);
    expect((await store.log.append(op(4))).seq).toBe(4);
    // A session started after the only ended one was removed, with none open... cannot happen (one is always open); the next starts at the last seq.
    const third = await store.sessions.start({ id: randomUUID(), name: 'third', startedAt: '2026-11-30T01:02:00.000Z' });
    expect(third.startSeq).toBe(4);
  });

  it('forgets, with a removed session, the calls only it knew; a call seen before it is described by that sighting again', async () => {
    const store = await open();
    await store.sessions.start({ id: randomUUID(), name: 'zero', startedAt: '2026-11-30T00:59:00.000Z' });
    await store.log.append(notification(callState('call-before', 'establishing'), { receivedAt: '2026-11-30T01:00:00.000Z' }));
    await store.log.append(notification(operationDeleted('call-before', 'op-0'), { receivedAt: '2026-11-30T01:00:01.000Z' }));
    const first = await store.sessions.start({ id: randomUUID(), name: 'first', startedAt: '2026-11-30T01:00:02.000Z' });
    await store.log.append(notification(callState('call-only-first', 'established'), { receivedAt: '2026-11-30T01:00:03.000Z' }));
    await store.log.append(notification(callState('call-before', 'established'), { receivedAt: '2026-11-30T01:00:04.000Z' }));
    await store.log.append(notification(callState('call-later', 'establishing'), { receivedAt: '2026-11-30T01:00:05.000Z' }));
    await store.sessions.start({ id: randomUUID(), name: 'second', startedAt: '2026-11-30T01:01:00.000Z' });
    await store.log.append(notification(operationDeleted('call-later', 'op-1'), { receivedAt: '2026-11-30T01:01:01.000Z' }));
    expect((await store.knownCalls()).map((call) => call.id)).toEqual(['call-later', 'call-before', 'call-only-first']);

    await store.sessions.remove((await store.sessions.get(first.id)) ?? first);
    expect(await store.knownCalls()).toEqual([
      { id: 'call-later', state: 'establishing', participants: [], queuedMedia: 0, lastSeenAt: '2026-11-30T01:01:01.000Z' },
      { id: 'call-before', state: 'establishing', participants: [], queuedMedia: 0, lastSeenAt: '2026-11-30T01:00:01.000Z' },
    ]);
    // And the order is the sightings' again: a call seen now goes first, the restated one keeps its place.
    await store.log.append(notification(operationDeleted('call-new', 'op-2'), { receivedAt: '2026-11-30T01:02:00.000Z' }));
    expect((await store.knownCalls()).map((call) => call.id)).toEqual(['call-new', 'call-later', 'call-before']);
  });

  it('reads a session a page at a time: recorded events by the seq they follow then by arrival, notifications by seq', async () => {
    const store = await open();
    const paged = store.paged;
    if (!paged) throw new Error(`the ${backend.name} store has no paged reads`);
    const session = await store.sessions.start({ id: randomUUID(), name: 'paged', startedAt: '2026-11-30T01:00:00.000Z' });
    for (const n of [1, 2, 3, 4, 5]) await store.log.append(op(n));
    // Recorded out of order, as two browsers may: the page order is (afterSeq, arrival).
    await store.sessions.append(session.id, [
      { afterSeq: 3, event: request('a') },
      { afterSeq: 1, event: request('b') },
      { afterSeq: 3, event: request('c') },
    ]);
    await store.sessions.append(session.id, [
      { afterSeq: 0, event: request('d') },
      { afterSeq: 1, event: request('e') },
    ]);
    // Each recorded event comes back as the bytes of the JSON text stored, to be sent on unparsed.
    const contexts = (page: StoredRecordedBytes[]) =>
      page.map((placed) => `${placed.afterSeq}:${String((JSON.parse(Buffer.from(placed.eventJson).toString('utf8')) as { body?: { clientContext?: string } }).body?.clientContext)}`);
    const pages: string[][] = [];
    for (let cursor = { afterSeq: -1, id: 0 }; ; ) {
      const page = await paged.recordedPage(session.id, cursor, 2);
      if (page.length === 0) break;
      pages.push(contexts(page));
      const last = page.at(-1);
      if (!last) break;
      cursor = { afterSeq: last.afterSeq, id: last.id };
    }
    expect(pages).toEqual([['0:d', '1:b'], ['1:e', '3:a'], ['3:c']]);
    expect((await paged.recordedPage(randomUUID(), { afterSeq: -1, id: 0 }, 10))).toEqual([]);

    expect((await paged.notificationPage(0, Number.MAX_SAFE_INTEGER, 2)).map((n) => n.seq)).toEqual([1, 2]);
    expect((await paged.notificationPage(2, 4, 10)).map((n) => n.seq)).toEqual([3, 4]);
    expect(await paged.notificationPage(5, Number.MAX_SAFE_INTEGER, 10)).toEqual([]);
    // Each notification comes back with its body as the bytes of the text received.
    const [third, ...others] = await paged.notificationPage(2, 3, 10);
    expect(others).toEqual([]);
    expect({ ...third, bodyJson: Buffer.from(third?.bodyJson ?? []).toString('utf8') }).toEqual({ seq: 3, receivedAt: op(3).receivedAt, verified: true, source: 'graph', bodyJson: op(3).bodyText });
    // A page stops at the event that brings it to the byte budget given, however many rows were asked for.
    const bodyBytes = Buffer.byteLength(op(1).bodyText);
    expect((await paged.notificationPage(0, Number.MAX_SAFE_INTEGER, 10, bodyBytes * 2)).map((n) => n.seq)).toEqual([1, 2]);
    expect((await paged.notificationPage(0, Number.MAX_SAFE_INTEGER, 10, 1)).map((n) => n.seq)).toEqual([1]);
    expect((await paged.recordedPage(session.id, { afterSeq: -1, id: 0 }, 10, 1)).map((placed) => placed.afterSeq)).toEqual([0]);
    // Where the newest notifications of a range start: the seq of the count-th newest, none when there are fewer.
    expect(await paged.seqFromNewest(0, Number.MAX_SAFE_INTEGER, 2)).toBe(4);
    expect(await paged.seqFromNewest(0, 3, 2)).toBe(2);
    expect(await paged.seqFromNewest(1, 5, 4)).toBe(2);
    expect(await paged.seqFromNewest(1, 5, 5)).toBeUndefined();
    // The whole read and the paged one agree.
    const whole = await store.sessions.events(session);
    expect(whole.filter((event) => event.kind !== 'notification')).toHaveLength(5);
  });

  it('offers retention the ended sessions, earliest first, and what the history takes', async () => {
    const store = await open();
    const paged = store.paged;
    if (!paged) throw new Error(`the ${backend.name} store has no retention methods`);
    expect(await paged.endedSessions(10)).toEqual([]);
    const first = await store.sessions.start({ id: randomUUID(), name: 'first', startedAt: '2026-11-30T01:00:00.000Z' });
    const before = await paged.storedBytes();
    for (let n = 1; n <= 50; n += 1) await store.log.append(notification({ ...operationDeleted('call-1', `op-${n}`), padding: 'x'.repeat(2_000) }));
    expect(await paged.storedBytes()).toBeGreaterThan(before + 50 * 1_000);
    const second = await store.sessions.start({ id: randomUUID(), name: 'second', startedAt: '2026-11-30T01:01:00.000Z' });
    await store.sessions.start({ id: randomUUID(), name: 'third', startedAt: '2026-11-30T01:02:00.000Z' });
    expect((await paged.endedSessions(10)).map((session) => session.id)).toEqual([first.id, second.id]);
    expect((await paged.endedSessions(1)).map((session) => session.id)).toEqual([first.id]);
    const full = await paged.storedBytes();
    await paged.remove((await paged.endedSessions(1))[0] ?? first);
    expect(await paged.storedBytes()).toBeLessThan(full - 50 * 1_000);
    expect((await paged.endedSessions(10)).map((session) => session.id)).toEqual([second.id]);
  });

  it('starts where the latest ended session stopped when none is open', async () => {
    const store = await open();
    await store.log.append(op(1));
    const first = await store.sessions.start({ id: randomUUID(), name: 'first', startedAt: '2026-11-30T01:00:00.000Z' });
    expect(first.startSeq).toBe(0);
    expect((await store.sessions.list()).currentId).toBe(first.id);
  });
});

describe('two instances on one Redis', () => {
  it('share one log: seq is global, and each follower hears what the other appended', async () => {
    const prefix = backends[1]?.newLocation() ?? '';
    const open = async () => {
      const store = await (backends[1]?.open(prefix) ?? Promise.reject(new Error('no Redis backend')));
      opened.push(store);
      return store;
    };
    const [a, b] = await Promise.all([open(), open()]);
    const heardByA: RelayNotification[] = [];
    const heardByB: RelayNotification[] = [];
    a.log.follow({ notification: (n) => heardByA.push(n) });
    b.log.follow({ notification: (n) => heardByB.push(n) });
    // Each follower starts at the counter it reads on its own connection: once a later read there has
    // answered, so has that one, and only then is "after it started" the same moment for both.
    await Promise.all([a.log.lastSeq(), b.log.lastSeq()]);
    const appended = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? a : b).log.append(op(i + 1))));
    expect(appended.map((n) => n.seq).sort((x, y) => x - y)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    for (const heard of [heardByA, heardByB]) expect((await waitFor(heard, 20)).map((n) => n.seq)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(await b.log.lastSeq()).toBe(20);
    expect((await a.knownCalls()).map((call) => call.id)).toEqual(['call-1']);
  });
});

describe('the Redis log', () => {
  it('keeps about REDIS_STREAM_MAX of the latest entries, appended in batches, and the seq goes on', async () => {
    const store = await openRedisStore({ url: redis?.url ?? '', streamMaxEntries: 100, keyPrefix: `test-${randomUUID()}:` });
    opened.push(store);
    for (let turn = 0; turn < 5; turn += 1) await Promise.all(Array.from({ length: 100 }, (_, i) => store.log.append(op(turn * 100 + i + 1))));
    expect(await store.log.lastSeq()).toBe(500);
    // MAXLEN ~ trims whole nodes of the stream (100 entries each by default): at most one node more than asked.
    expect(await store.log.count()).toBeGreaterThanOrEqual(100);
    expect(await store.log.count()).toBeLessThanOrEqual(200);
    expect(await store.log.get(1)).toBeUndefined();
    expect((await store.log.listAfter(400, 200)).map((n) => n.seq)).toEqual(Array.from({ length: 100 }, (_, i) => 401 + i));
    expect((await store.log.append(op(501))).seq).toBe(501);
  });
});

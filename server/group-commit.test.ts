/**
 * Group commit (group-commit.ts): the notifications appended during one turn
 * of the event loop are committed together (one SQLite transaction, or one
 * Redis script call on a real redis-server), each answered only once that
 * commit is done, in the order they came, and a commit that fails fails every
 * one of its batch and relays none of them.
 */
import Database from 'better-sqlite3';
import { Redis } from 'ioredis';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RelayNotification } from '../src/graph/schemas';
import { startServer, type RunningServer } from './app';
import type { ConsoleStore, NewNotification } from './console-store';
import { openSqliteStore } from './sqlite-store';
import { openRedisStore } from './redis-store';
import { DATABASE_FILE } from './store';
import { temporaryDirectory, testConfig, type ConfigOverrides } from './test-support/config';
import { rawRequest } from './test-support/http-client';
import { startNotificationKeys, type NotificationKeys } from './test-support/notification-keys';
import { startRedisServer, type RedisServer } from './test-support/redis-server';
import { connectRelay, settle, type RelayTestClient } from './test-support/relay-client';
import { operationDeleted } from './test-support/sample-notifications';
import { storedNotifications } from './test-support/stored';

const contextOf = (body: string): string => (JSON.parse(body) as { value: { resourceData: { clientContext: string } }[] }).value[0]?.resourceData.clientContext ?? '';

function newNotification(clientContext: string): NewNotification {
  const body = operationDeleted('call-1', `op-${clientContext}`, clientContext);
  return { receivedAt: '2026-11-30T01:00:00.000Z', verified: true, source: 'graph', bodyText: JSON.stringify(body), body };
}

/** Makes every insert whose body mentions `marker` fail, from another connection, as a full disk or a broken file would. */
function failInsertsMentioning(dataDir: string, marker: string): () => void {
  const db = new Database(join(dataDir, DATABASE_FILE));
  db.exec(`CREATE TRIGGER refuse_marked BEFORE INSERT ON notifications WHEN instr(NEW.body, '${marker}') > 0 BEGIN SELECT RAISE(ABORT, 'the disk refused the write'); END;`);
  return () => {
    db.exec('DROP TRIGGER refuse_marked');
    db.close();
  };
}

describe('the SQLite log commits a turn of appends together', () => {
  const stores: ConsoleStore[] = [];
  afterEach(async () => {
    for (const store of stores.splice(0)) await store.close();
  });
  const open = (dataDir: string) => {
    const store = openSqliteStore(dataDir);
    stores.push(store);
    return store;
  };

  it('answers each append only once it is readable from the file, with seq in the order of the appends', async () => {
    const dataDir = temporaryDirectory('group-commit');
    const store = open(dataDir);
    const heard: RelayNotification[] = [];
    store.log.follow({ notification: (notification) => heard.push(notification) });
    const contexts = Array.from({ length: 50 }, (_, i) => `c${i}`);
    const visibleWhenAnswered: boolean[] = [];
    const appends = contexts.map((context) =>
      store.log.append(newNotification(context)).then((stored) => {
        const row = storedNotifications(dataDir).find((candidate) => candidate.seq === stored.seq);
        visibleWhenAnswered.push(row !== undefined && contextOf(row.body) === context);
        // The relay heard of it before its caller did.
        expect(heard.map((notification) => notification.seq)).toContain(stored.seq);
        return stored;
      }),
    );
    // Nothing is written before the turn ends: the batch goes in as one transaction.
    expect(storedNotifications(dataDir)).toEqual([]);
    const stored = await Promise.all(appends);
    expect(stored.map((notification) => notification.seq)).toEqual(contexts.map((_, i) => i + 1));
    expect(visibleWhenAnswered).toEqual(contexts.map(() => true));
    expect(storedNotifications(dataDir).map((row) => contextOf(row.body))).toEqual(contexts);
    expect(heard.map((notification) => notification.seq)).toEqual(contexts.map((_, i) => i + 1));
  });

  it('fails every append of a batch whose commit fails, stores and relays none of them, and leaves no hole in seq', async () => {
    const dataDir = temporaryDirectory('group-commit-failure');
    const store = open(dataDir);
    const heard: RelayNotification[] = [];
    store.log.follow({ notification: (notification) => heard.push(notification) });
    await store.log.append(newNotification('before'));
    const allowAgain = failInsertsMentioning(dataDir, 'poison');
    try {
      const outcomes = await Promise.allSettled(['a', 'poison', 'b'].map((context) => store.log.append(newNotification(context))));
      expect(outcomes.map((outcome) => outcome.status)).toEqual(['rejected', 'rejected', 'rejected']);
      expect(outcomes[0]?.status === 'rejected' && String(outcomes[0].reason)).toContain('the disk refused the write');
    } finally {
      allowAgain();
    }
    expect(storedNotifications(dataDir).map((row) => contextOf(row.body))).toEqual(['before']);
    expect(heard.map((notification) => notification.seq)).toEqual([1]);
    // The next turn is a new batch: it commits, and seq carries on from the last one stored.
    expect((await store.log.append(newNotification('after'))).seq).toBe(2);
    expect(heard.map((notification) => notification.seq)).toEqual([1, 2]);
  });

  it('commits what is still pending when the store closes', async () => {
    const dataDir = temporaryDirectory('group-commit-close');
    const store = openSqliteStore(dataDir);
    const appended = store.log.append(newNotification('last'));
    await store.close();
    expect((await appended).seq).toBe(1);
    expect(storedNotifications(dataDir).map((row) => contextOf(row.body))).toEqual(['last']);
  });
});

/** Where a console under test keeps its log, seen from outside it. */
interface ServerLog {
  name: string;
  /** Config overrides that put the console's log here (after `begin`). */
  begin(): Promise<ConfigOverrides>;
  /** What the log holds, in seq order, read over another connection (as another process would). */
  stored(): Promise<{ seq: number; context: string }[]>;
  /** Makes every write to the log fail until the function returned is called. */
  refuseWrites(): Promise<() => Promise<void>>;
  end(): Promise<void>;
}

function sqliteServerLog(): ServerLog {
  const dataDir = temporaryDirectory('group-commit-server');
  return {
    name: 'SQLite',
    begin: async () => ({ dataDir }),
    stored: async () => storedNotifications(dataDir).map((row) => ({ seq: row.seq, context: contextOf(row.body) })),
    refuseWrites: async () => {
      const allowAgain = failInsertsMentioning(dataDir, 'resourceUrl');
      return async () => allowAgain();
    },
    end: async () => undefined,
  };
}

function redisServerLog(): ServerLog {
  let redis: RedisServer | undefined;
  let reader: ConsoleStore | undefined;
  let admin: Redis | undefined;
  return {
    name: 'Redis',
    async begin() {
      redis = await startRedisServer();
      reader = await openRedisStore({ url: redis.url, streamMaxEntries: 100_000 });
      admin = new Redis(redis.url);
      return { redis: { url: redis.url, streamMaxEntries: 100_000 } };
    },
    async stored() {
      const all = (await reader?.log.listAfter(0, 10_000)) ?? [];
      return all.map((notification) => ({ seq: notification.seq, context: contextOf(JSON.stringify(notification.body)) }));
    },
    async refuseWrites() {
      // Redis refuses every write while it has fewer good replicas than this (none here): NOREPLICAS.
      await admin?.config('SET', 'min-replicas-to-write', '1');
      return async () => {
        await admin?.config('SET', 'min-replicas-to-write', '0');
      };
    },
    async end() {
      admin?.disconnect();
      await reader?.close();
      await redis?.stop();
    },
  };
}

describe.each([sqliteServerLog(), redisServerLog()])('POST /api/calls under group commit, the log in $name', (log) => {
  let keys: NotificationKeys;
  let server: RunningServer;
  let watcher: RelayTestClient;
  beforeAll(async () => {
    keys = await startNotificationKeys();
    const config = testConfig({ ...(await log.begin()), notifications: { openIdConfigUrl: keys.openIdConfigUrl } });
    server = await startServer(config, { log: () => undefined });
    watcher = await connectRelay(server.port, 0);
  });
  afterAll(async () => {
    await watcher.close();
    await server.close();
    await keys.close();
    await log.end();
  });

  const post = (authorization: string, context: string) =>
    rawRequest(server.port, {
      method: 'POST',
      path: '/api/calls',
      headers: { 'content-type': 'application/json', authorization },
      body: JSON.stringify(operationDeleted('call-1', `op-${context}`, context)),
    });

  it('answers many concurrent notifications 202 each only once it is stored, and relays them all in seq order', async () => {
    const authorization = `Bearer ${await keys.sign()}`;
    const contexts = Array.from({ length: 40 }, (_, i) => `concurrent-${i}`);
    const storedWhenAnswered = await Promise.all(
      contexts.map(async (context) => {
        const response = await post(authorization, context);
        return { status: response.status, stored: (await log.stored()).some((row) => row.context === context) };
      }),
    );
    expect(storedWhenAnswered).toEqual(contexts.map(() => ({ status: 202, stored: true })));
    const relayed = await watcher.waitForNotifications(contexts.length);
    const stored = await log.stored();
    expect(relayed.map((notification) => notification.seq)).toEqual(stored.map((row) => row.seq));
    expect(stored.map((row) => row.seq)).toEqual(contexts.map((_, i) => i + 1));
    expect(new Set(stored.map((row) => row.context))).toEqual(new Set(contexts));
  });

  it('answers 5xx to every notification whose commit fails, and relays none of them', async () => {
    const authorization = `Bearer ${await keys.sign()}`;
    const before = (await log.stored()).length;
    const relayedBefore = watcher.notifications().length;
    const allowAgain = await log.refuseWrites();
    let statuses: number[];
    try {
      statuses = (await Promise.all(Array.from({ length: 10 }, (_, i) => post(authorization, `doomed-${i}`)))).map((response) => response.status);
    } finally {
      await allowAgain();
    }
    expect(statuses.every((status) => status >= 500 && status < 600), `statuses: ${statuses.join(', ')}`).toBe(true);
    await settle();
    expect(watcher.notifications()).toHaveLength(relayedBefore);
    expect(await log.stored()).toHaveLength(before);
    // Graph retries a 5xx: the retry is stored and relayed, right after what was stored before.
    expect((await post(authorization, 'retried')).status).toBe(202);
    const [retried] = (await watcher.waitForNotifications(relayedBefore + 1)).slice(-1);
    expect(retried?.seq).toBe(before + 1);
    expect((await log.stored()).at(-1)).toEqual({ seq: before + 1, context: 'retried' });
  });
});

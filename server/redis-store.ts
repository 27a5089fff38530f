/**
 * The shared store (REDIS_URL): every console instance on the same Redis
 * appends to one stream and follows it, so a notification POSTed to any
 * instance reaches the browsers of all of them, and `seq` means the same
 * everywhere.
 *
 * - The log is one stream. A Lua script INCRs the seq counter and XADDs each
 *   notification with the stream id `<seq>-0`, atomically, so seq order is
 *   stream order and `since` maps to an XRANGE/XREAD start. The stream is
 *   capped with MAXLEN ~ REDIS_STREAM_MAX; the counter keeps lastSeq even for
 *   trimmed or deleted entries.
 * - Group commit (group-commit.ts): the appends of one event-loop turn go to
 *   Redis in one call of that script, in the order they were made; each
 *   resolves (and its 202 is sent) once the script has answered, which with
 *   appendfsync always is after the AOF has it on disk. A failed call fails
 *   every append of its batch; the script fails before its first write
 *   (Redis unreachable, or refusing writes), so none of them is stored or
 *   relayed.
 * - The calls seen are updated by the same script (state, last seen, order by seq).
 * - Following is a blocking XREAD loop on its own connection, from the last
 *   seq at open: whoever appended, each entry once, in stream order.
 * - Sessions: redis-session-store.ts.
 */
import type { Redis } from 'ioredis';
import type { KnownCall } from '../src/graph/console';
import type { RelayNotification } from '../src/graph/schemas';
import type { ConsoleStore, FeedListener, LogHealth, NewNotification, NotificationLog } from './console-store';
import { groupCommit } from './group-commit';
import { callsInNotifications } from './known-calls';
import { connectRedis, isRedisUnavailable, luaScript, runScript, withRedis } from './redis-connection';
import { openRedisSessionStore } from './redis-session-store';
import { streamIdOf, toRelayNotification, type StreamEntry } from './redis-entries';
import { redisKeys, type RedisKeys } from './redis-keys';

export interface RedisStoreOptions {
  url: string;
  streamMaxEntries: number;
  /** Prefix of every key (tests isolate themselves on one redis-server with it). */
  keyPrefix?: string;
  log?: (line: string) => void;
  /** How long open waits for a first connection before it goes on unreachable (and keeps trying). */
  connectWaitMs?: number;
}

/**
 * Appends a batch. KEYS: stream, counter, call states, call sightings, call order. ARGV: maxlen, the number of
 * notifications, then for each: receivedAt, verified, source, body, its number of sightings, then that many
 * (callId, state or '') pairs. One INCRBY hands the batch consecutive seqs, so its entries are contiguous in
 * the stream; returns the last. The stream is trimmed once, after the batch.
 */
const APPEND_BATCH = luaScript(`
local count = tonumber(ARGV[2])
local seq = redis.call('INCRBY', KEYS[2], count) - count
local at = 3
for _ = 1, count do
  seq = seq + 1
  local receivedAt = ARGV[at]
  redis.call('XADD', KEYS[1], seq .. '-0', 'r', receivedAt, 'v', ARGV[at + 1], 's', ARGV[at + 2], 'b', ARGV[at + 3])
  local sightings = tonumber(ARGV[at + 4])
  at = at + 5
  for _ = 1, sightings do
    local id, state = ARGV[at], ARGV[at + 1]
    if state ~= '' then redis.call('HSET', KEYS[3], id, state) else redis.call('HSETNX', KEYS[3], id, 'unknown') end
    redis.call('HSET', KEYS[4], id, receivedAt)
    redis.call('ZADD', KEYS[5], seq, id)
    at = at + 2
  end
end
redis.call('XTRIM', KEYS[1], 'MAXLEN', '~', ARGV[1])
return seq
`);

/** The APPEND_BATCH arguments of one notification. */
function appendArguments(notification: NewNotification): (string | number)[] {
  const sightings = callsInNotifications(notification.body);
  return [
    notification.receivedAt,
    notification.verified ? '1' : '0',
    notification.source,
    notification.bodyText,
    sightings.length,
    ...sightings.flatMap((sighting) => [sighting.callId, sighting.state ?? '']),
  ];
}

/** How long one XREAD waits for new entries before it asks again. */
const FEED_BLOCK_MS = 2_000;
const FEED_PAGE = 500;
const FEED_RETRY_MS = 250;
const DEFAULT_CONNECT_WAIT_MS = 5_000;

function waitForReady(redis: Redis, timeoutMs: number): Promise<void> {
  if (redis.status === 'ready') return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      redis.off('ready', done);
      resolve();
    };
    const timer = setTimeout(done, timeoutMs);
    redis.once('ready', done);
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One blocking XREAD loop per store, handing entries to every follower. A follower hears only what
 * was appended after it started following: until the counter read at that moment comes back, what
 * arrives for it waits, then whatever has a seq at or below that counter is left out.
 */
function createFeed(blocking: Redis, keys: RedisKeys, counter: () => Promise<number>, onError: (error: unknown) => void) {
  const followers = new Map<FeedListener, { after?: number; waiting: RelayNotification[] }>();
  let stopped = false;
  let lastId: string | undefined;

  const deliver = (listener: FeedListener, notification: RelayNotification) => {
    const follower = followers.get(listener);
    if (!follower) return;
    if (follower.after === undefined) follower.waiting.push(notification);
    else if (notification.seq > follower.after) listener.notification(notification);
  };

  const run = async (): Promise<void> => {
    while (!stopped) {
      try {
        // The starting point is the counter at open (or at the first connection, if Redis was down then).
        lastId ??= streamIdOf(await counter());
        const reply = (await blocking.xread('COUNT', FEED_PAGE, 'BLOCK', FEED_BLOCK_MS, 'STREAMS', keys.stream, lastId)) as [string, StreamEntry[]][] | null;
        for (const entry of reply?.[0]?.[1] ?? []) {
          lastId = entry[0];
          const notification = toRelayNotification(entry);
          for (const listener of followers.keys()) deliver(listener, notification);
        }
      } catch (error) {
        if (stopped) return;
        if (!isRedisUnavailable(error)) onError(error);
        await sleep(FEED_RETRY_MS);
      }
    }
  };

  return {
    add(listener: FeedListener) {
      const follower: { after?: number; waiting: RelayNotification[] } = { waiting: [] };
      followers.set(listener, follower);
      const startAt = (after: number) => {
        follower.after = after;
        for (const notification of follower.waiting.splice(0)) deliver(listener, notification);
      };
      // Unreachable now: hear everything the loop reads from here on (nothing is lost; the relay skips what it has sent).
      counter().then(startAt, () => startAt(0));
    },
    remove: (listener: FeedListener) => followers.delete(listener),
    start: () => void run(),
    stop: () => {
      stopped = true;
      followers.clear();
    },
  };
}

export async function openRedisStore(options: RedisStoreOptions): Promise<ConsoleStore> {
  const keys = redisKeys(options.keyPrefix ?? 'comms-console:');
  const log = options.log ?? (() => undefined);
  const redis = connectRedis(options.url);
  const blocking = connectRedis(options.url, { blocking: true });

  let health: LogHealth = { reachable: false, reason: 'connecting' };
  const healthListeners = new Set<FeedListener>();
  let closing = false;
  const setHealth = (next: LogHealth) => {
    if (closing || next.reachable === health.reachable) return;
    health = next;
    log(next.reachable ? 'store: Redis is reachable' : `store: Redis is unreachable (${next.reason}); retrying`);
    for (const listener of healthListeners) listener.health?.(next);
  };
  let lastError = 'connection closed';
  // ioredis reports every failed reconnection here; the health change is what is worth a line.
  redis.on('error', (error: Error) => {
    lastError = error.message;
  });
  blocking.on('error', () => undefined);
  redis.on('ready', () => setHealth({ reachable: true }));
  redis.on('close', () => setHealth({ reachable: false, reason: lastError }));

  const counter = async () => Number((await redis.get(keys.counter)) ?? '0');
  const feed = createFeed(blocking, keys, counter, (error) => log(`store: following the log failed (${error instanceof Error ? error.message : String(error)})`));

  await waitForReady(redis, options.connectWaitMs ?? DEFAULT_CONNECT_WAIT_MS);
  if (redis.status !== 'ready') log(`store: Redis is not reachable yet (${lastError}); the console starts and keeps trying`);
  feed.start();

  // Group commit (group-commit.ts): the appends of one turn go in one script call, one round trip and one fsync.
  const appends = groupCommit((batch: readonly NewNotification[]) =>
    withRedis(async () => {
      const lastSeq = Number(
        await runScript(
          redis,
          APPEND_BATCH,
          [keys.stream, keys.counter, keys.callStates, keys.callSeenAt, keys.callOrder],
          [options.streamMaxEntries, batch.length, ...batch.flatMap(appendArguments)],
        ),
      );
      const firstSeq = lastSeq - batch.length + 1;
      return batch.map(
        (notification, index): RelayNotification => ({
          type: 'notification',
          seq: firstSeq + index,
          receivedAt: notification.receivedAt,
          verified: notification.verified,
          source: notification.source,
          body: notification.body,
        }),
      );
    }),
  );

  const notificationLog: NotificationLog = {
    append: (notification) => appends.add(notification),
    listAfter: (since, limit) =>
      withRedis(async () => ((await redis.xrange(keys.stream, `(${streamIdOf(since)}`, '+', 'COUNT', limit)) as StreamEntry[]).map(toRelayNotification)),
    get: (seq) =>
      withRedis(async () => {
        const [entry] = (await redis.xrange(keys.stream, streamIdOf(seq), streamIdOf(seq))) as StreamEntry[];
        return entry ? toRelayNotification(entry) : undefined;
      }),
    lastSeq: () => withRedis(counter),
    count: () => withRedis(() => redis.xlen(keys.stream)),
    follow(listener) {
      feed.add(listener);
      healthListeners.add(listener);
      return () => {
        feed.remove(listener);
        healthListeners.delete(listener);
      };
    },
  };

  const knownCalls = (): Promise<KnownCall[]> =>
    withRedis(async () => {
      const ids = await redis.zrevrange(keys.callOrder, 0, -1);
      if (ids.length === 0) return [];
      const [states, seen] = await Promise.all([redis.hmget(keys.callStates, ...ids), redis.hmget(keys.callSeenAt, ...ids)]);
      return ids.map((id, index) => ({
        id,
        state: states[index] ?? 'unknown',
        participants: [],
        queuedMedia: 0,
        ...(seen[index] ? { lastSeenAt: seen[index] } : {}),
      }));
    });

  const sessions = openRedisSessionStore(redis, keys);
  return {
    log: notificationLog,
    sessions,
    paged: sessions,
    knownCalls,
    async close() {
      closing = true;
      // What was appended is committed (and answered) before the connection closes.
      await appends.flush();
      feed.stop();
      healthListeners.clear();
      blocking.disconnect();
      redis.disconnect();
    },
  };
}

/**
 * Sessions in the shared store: a hash per session, a list of their ids in
 * the order they started, the open one's id, and a list of recorded events
 * per session. A session's notifications are the stream entries with
 * startSeq < seq <= endSeq. Starting and removing run as Lua scripts, so two
 * instances starting a session at once still tile the seq line.
 */
import type { Redis } from 'ioredis';
import type { NewSession, SessionStore } from '../src/api/stores';
import { sessionTimeline } from '../src/graph/sessionTimeline';
import type { PlacedEvent, Session, SessionSummary } from '../src/graph/sessions';
import { luaScript, runScript, withRedis } from './redis-connection';
import { sessionEventsKey, sessionKey, type RedisKeys } from './redis-keys';
import { seqOfStreamId, streamIdOf, toRelayNotification, type StreamEntry } from './redis-entries';

/**
 * KEYS: current session, session order, seq counter. ARGV: key prefix, id, name, startedAt.
 * Where the new session starts is nextStartSeq (src/graph/sessionTimeline.ts), in Lua: where the
 * current one ends now (the last seq), else where the latest ended one stopped, else 0.
 */
const START = luaScript(`
local current = redis.call('GET', KEYS[1])
local lastSeq = tonumber(redis.call('GET', KEYS[3]) or '0')
local startSeq = 0
if current then
  redis.call('HSET', ARGV[1] .. 'session:' .. current, 'endedAt', ARGV[4], 'endSeq', lastSeq)
  startSeq = lastSeq
else
  for _, id in ipairs(redis.call('LRANGE', KEYS[2], 0, -1)) do
    local endSeq = tonumber(redis.call('HGET', ARGV[1] .. 'session:' .. id, 'endSeq') or '0')
    if endSeq > startSeq then startSeq = endSeq end
  end
end
redis.call('HSET', ARGV[1] .. 'session:' .. ARGV[2], 'id', ARGV[2], 'name', ARGV[3], 'startedAt', ARGV[4], 'startSeq', startSeq)
redis.call('SET', KEYS[1], ARGV[2])
redis.call('RPUSH', KEYS[2], ARGV[2])
return startSeq
`);

/** KEYS: stream, session hash, session events, session order. ARGV: first stream id, last stream id, session id. */
const REMOVE = luaScript(`
while true do
  local entries = redis.call('XRANGE', KEYS[1], ARGV[1], ARGV[2], 'COUNT', 500)
  if #entries == 0 then break end
  local ids = {}
  for i, entry in ipairs(entries) do ids[i] = entry[1] end
  redis.call('XDEL', KEYS[1], unpack(ids))
end
redis.call('DEL', KEYS[2], KEYS[3])
redis.call('LREM', KEYS[4], 1, ARGV[3])
return 1
`);

function toSession(hash: Record<string, string>): Session | undefined {
  if (hash.id === undefined) return undefined;
  return {
    id: hash.id,
    name: hash.name ?? '',
    startedAt: hash.startedAt ?? '',
    ...(hash.endedAt !== undefined ? { endedAt: hash.endedAt } : {}),
    startSeq: Number(hash.startSeq ?? '0'),
    ...(hash.endSeq !== undefined ? { endSeq: Number(hash.endSeq) } : {}),
  };
}

export function openRedisSessionStore(redis: Redis, keys: RedisKeys): SessionStore {
  const get = async (id: string) => toSession(await redis.hgetall(sessionKey(keys, id)));

  return {
    list: () =>
      withRedis(async () => {
        const ids = (await redis.lrange(keys.sessionOrder, 0, -1)).reverse();
        const [current, counter, first] = await Promise.all([
          redis.get(keys.currentSession),
          redis.get(keys.counter),
          redis.xrange(keys.stream, '-', '+', 'COUNT', 1) as Promise<StreamEntry[]>,
        ]);
        const lastSeq = Number(counter ?? '0');
        // Seqs are handed out without gaps and entries leave the stream only by trimming (the oldest)
        // or with their whole session, so a session holds every seq in its range from the oldest entry on.
        const oldest = first[0] ? seqOfStreamId(first[0][0]) : Number.POSITIVE_INFINITY;
        const pipeline = redis.pipeline();
        for (const id of ids) {
          pipeline.hgetall(sessionKey(keys, id));
          pipeline.llen(sessionEventsKey(keys, id));
        }
        const replies = (await pipeline.exec()) ?? [];
        const sessions: SessionSummary[] = [];
        ids.forEach((_, index) => {
          const [hashError, hash] = replies[index * 2] ?? [];
          const [countError, recorded] = replies[index * 2 + 1] ?? [];
          if (hashError ?? countError) throw hashError ?? countError;
          const session = toSession(hash as Record<string, string>);
          if (!session) return;
          const from = Math.max(session.startSeq + 1, oldest);
          const to = session.endSeq ?? lastSeq;
          sessions.push({ ...session, eventCount: Number(recorded) + Math.max(0, to - from + 1) });
        });
        return { sessions, currentId: current };
      }),
    start: (session: NewSession) =>
      withRedis(async () => {
        const startSeq = Number(
          await runScript(redis, START, [keys.currentSession, keys.sessionOrder, keys.counter], [keys.prefix, session.id, session.name, session.startedAt]),
        );
        return { ...session, startSeq };
      }),
    get: (id) => withRedis(() => get(id)),
    events: (session) =>
      withRedis(async () => {
        const [recorded, entries] = await Promise.all([
          redis.lrange(sessionEventsKey(keys, session.id), 0, -1),
          redis.xrange(keys.stream, `(${streamIdOf(session.startSeq)}`, session.endSeq === undefined ? '+' : streamIdOf(session.endSeq)) as Promise<StreamEntry[]>,
        ]);
        return sessionTimeline(
          recorded.map((text) => JSON.parse(text) as PlacedEvent),
          entries.map(toRelayNotification),
        );
      }),
    append: (sessionId, placed) =>
      withRedis(async () => {
        if (placed.length === 0) return;
        await redis.rpush(sessionEventsKey(keys, sessionId), ...placed.map((event) => JSON.stringify({ afterSeq: event.afterSeq, event: event.event })));
      }),
    remove: (session) =>
      withRedis(async () => {
        // Only ended sessions are removed (the API refuses the current one), so the range is closed.
        // (An open range, `+` to `-`, is empty: nothing is deleted but the session itself.)
        const [from, to] = session.endSeq === undefined ? ['+', '-'] : [`(${streamIdOf(session.startSeq)}`, streamIdOf(session.endSeq)];
        await runScript(redis, REMOVE, [keys.stream, sessionKey(keys, session.id), sessionEventsKey(keys, session.id), keys.sessionOrder], [from, to, session.id]);
      }),
  };
}

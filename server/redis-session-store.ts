/**
 * Sessions in the shared store: a hash per session, a list of their ids in
 * the order they started, the open one's id, and the recorded events of each
 * (redis-keys.ts). A session's notifications are the stream entries with
 * startSeq < seq <= endSeq. Starting, recording, paging and removing run as
 * Lua scripts, so two instances starting a session at once still tile the
 * seq line. It reads a session a page at a time and offers what retention
 * needs, as the embedded store does (PagedSessionStore).
 */
import type { Redis } from 'ioredis';
import type { NewSession, SessionStore } from '../src/api/stores';
import { sessionTimeline } from '../src/graph/sessionTimeline';
import type { PlacedEvent, RecordedEvent, Session, SessionSummary } from '../src/graph/sessions';
import { luaScript, runScript, withRedis } from './redis-connection';
import { restatementsForRange } from './redis-forget-calls';
import { sessionKey, sessionPlacedKey, sessionRecordedKey, type RedisKeys } from './redis-keys';
import { seqOfStreamId, streamIdOf, toRelayNotification, toStoredNotificationBytes, type StreamEntry, type StreamEntryBytes } from './redis-entries';
import { pageBoundedByBytes, type PagedSessionStore, type StoredRecordedBytes } from './session-store';

export type RedisSessionStore = SessionStore & PagedSessionStore;

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

/**
 * KEYS: stream, session hash, placed, recorded, session order, call states, call sightings, call order.
 * ARGV: first stream id, last stream id, session id, startSeq, endSeq ('' for an open session), then
 * (callId, state, seenAt, seq) for each call last seen in the range (redis-forget-calls.ts): state ''
 * forgets it. A call seen again meanwhile (scored past the range) is left as that sighting says.
 */
const REMOVE = luaScript(`
while true do
  local entries = redis.call('XRANGE', KEYS[1], ARGV[1], ARGV[2], 'COUNT', 500)
  if #entries == 0 then break end
  local ids = {}
  for i, entry in ipairs(entries) do ids[i] = entry[1] end
  redis.call('XDEL', KEYS[1], unpack(ids))
end
redis.call('DEL', KEYS[2], KEYS[3], KEYS[4])
redis.call('LREM', KEYS[5], 1, ARGV[3])
if ARGV[5] ~= '' then
  local startSeq, endSeq = tonumber(ARGV[4]), tonumber(ARGV[5])
  for i = 6, #ARGV - 3, 4 do
    local id = ARGV[i]
    local score = tonumber(redis.call('ZSCORE', KEYS[8], id) or '-1')
    if score > startSeq and score <= endSeq then
      if ARGV[i + 1] == '' then
        redis.call('HDEL', KEYS[6], id)
        redis.call('HDEL', KEYS[7], id)
        redis.call('ZREM', KEYS[8], id)
      else
        redis.call('HSET', KEYS[6], id, ARGV[i + 1])
        redis.call('HSET', KEYS[7], id, ARGV[i + 2])
        redis.call('ZADD', KEYS[8], ARGV[i + 3], id)
      end
    end
  end
end
return 1
`);

/** KEYS: session hash, placed, recorded. ARGV: (afterSeq, event JSON) pairs. Ids count up per session from 1. */
const RECORD = luaScript(`
for i = 1, #ARGV - 1, 2 do
  local member = string.format('%016d', redis.call('HINCRBY', KEYS[1], 'lastEventId', 1))
  redis.call('ZADD', KEYS[2], ARGV[i], member)
  redis.call('HSET', KEYS[3], member, ARGV[i + 1])
end
return 1
`);

/**
 * KEYS: placed, recorded. ARGV: the cursor's afterSeq and event id (zero-padded), limit. Returns
 * (id, afterSeq, JSON) triples after the cursor in (afterSeq, id) order: from the cursor's rank when it
 * is there, else (the start cursor) after everything that sorts before or at it.
 */
const RECORDED_PAGE = luaScript(`
local from = redis.call('ZRANK', KEYS[1], ARGV[2])
if from then
  from = from + 1
else
  from = redis.call('ZCOUNT', KEYS[1], '-inf', '(' .. ARGV[1])
  for _, member in ipairs(redis.call('ZRANGEBYSCORE', KEYS[1], ARGV[1], ARGV[1])) do
    if member <= ARGV[2] then from = from + 1 end
  end
end
local page = redis.call('ZRANGE', KEYS[1], from, from + tonumber(ARGV[3]) - 1, 'WITHSCORES')
local out = {}
for i = 1, #page - 1, 2 do
  out[#out + 1] = page[i]
  out[#out + 1] = page[i + 1]
  out[#out + 1] = redis.call('HGET', KEYS[2], page[i]) or 'null'
end
return out
`);

const eventMember = (id: number) => String(id).padStart(16, '0');

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

export function openRedisSessionStore(redis: Redis, keys: RedisKeys): RedisSessionStore {
  const get = async (id: string) => toSession(await redis.hgetall(sessionKey(keys, id)));
  const sessionsInOrder = async (): Promise<Session[]> => {
    const ids = await redis.lrange(keys.sessionOrder, 0, -1);
    const pipeline = redis.pipeline();
    for (const id of ids) pipeline.hgetall(sessionKey(keys, id));
    return ((await pipeline.exec()) ?? []).flatMap(([error, hash]) => {
      if (error) throw error;
      return toSession(hash as Record<string, string>) ?? [];
    });
  };
  const recordedOf = async (sessionId: string): Promise<PlacedEvent[]> => {
    const members = await redis.zrange(sessionPlacedKey(keys, sessionId), 0, -1, 'WITHSCORES');
    const ids = members.filter((_, index) => index % 2 === 0);
    if (ids.length === 0) return [];
    const texts = await redis.hmget(sessionRecordedKey(keys, sessionId), ...ids);
    return ids.map((_, index) => ({ afterSeq: Number(members[index * 2 + 1]), event: JSON.parse(texts[index] ?? 'null') as RecordedEvent }));
  };

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
          pipeline.zcard(sessionPlacedKey(keys, id));
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
    current: () =>
      withRedis(async () => {
        const id = await redis.get(keys.currentSession);
        return id === null ? undefined : get(id);
      }),
    events: (session) =>
      withRedis(async () => {
        const [recorded, entries] = await Promise.all([
          recordedOf(session.id),
          redis.xrange(keys.stream, `(${streamIdOf(session.startSeq)}`, session.endSeq === undefined ? '+' : streamIdOf(session.endSeq)) as Promise<StreamEntry[]>,
        ]);
        return sessionTimeline(recorded, entries.map(toRelayNotification));
      }),
    append: (sessionId, placed) =>
      withRedis(async () => {
        if (placed.length === 0) return;
        await runScript(
          redis,
          RECORD,
          [sessionKey(keys, sessionId), sessionPlacedKey(keys, sessionId), sessionRecordedKey(keys, sessionId)],
          placed.flatMap((event) => [event.afterSeq, JSON.stringify(event.event)]),
        );
      }),
    remove: (session) =>
      withRedis(async () => {
        // Only ended sessions are removed (the API refuses the current one), so the range is closed.
        // (An open range, `+` to `-`, is empty: nothing is deleted but the session itself.)
        const ended = session.endSeq !== undefined;
        const [from, to] = ended ? [`(${streamIdOf(session.startSeq)}`, streamIdOf(session.endSeq ?? 0)] : ['+', '-'];
        const calls = ended ? await restatementsForRange(redis, keys, session.startSeq, session.endSeq ?? 0) : [];
        await runScript(
          redis,
          REMOVE,
          [keys.stream, sessionKey(keys, session.id), sessionPlacedKey(keys, session.id), sessionRecordedKey(keys, session.id), keys.sessionOrder, keys.callStates, keys.callSeenAt, keys.callOrder],
          [from, to, session.id, session.startSeq, ended ? String(session.endSeq) : '', ...calls.flat()],
        );
      }),
    recordedPage: (sessionId, cursor, limit, maxBytes) =>
      withRedis(async () => {
        const reply = (await runScript(
          redis,
          RECORDED_PAGE,
          [sessionPlacedKey(keys, sessionId), sessionRecordedKey(keys, sessionId)],
          [cursor.afterSeq, eventMember(cursor.id), limit],
        )) as string[];
        const page: StoredRecordedBytes[] = [];
        for (let i = 0; i + 2 < reply.length; i += 3) page.push({ id: Number(reply[i]), afterSeq: Number(reply[i + 1]), eventJson: Buffer.from(reply[i + 2] ?? 'null', 'utf8') });
        return pageBoundedByBytes(page, (placed) => placed.eventJson.length, maxBytes);
      }),
    notificationPage: (afterSeq, toSeq, limit, maxBytes) =>
      withRedis(async () => {
        // Bytes, not strings: the bodies go out as they came in.
        const entries: StreamEntryBytes[] = await redis.xrangeBuffer(keys.stream, `(${streamIdOf(afterSeq)}`, streamIdOf(toSeq), 'COUNT', limit);
        return pageBoundedByBytes(entries.map(toStoredNotificationBytes), (stored) => stored.bodyJson.length, maxBytes);
      }),
    seqFromNewest: (afterSeq, toSeq, count) =>
      withRedis(async () => {
        if (count < 1) return undefined;
        const newest = (await redis.xrevrange(keys.stream, streamIdOf(toSeq), `(${streamIdOf(afterSeq)}`, 'COUNT', count)) as StreamEntry[];
        const oldest = newest.length === count ? newest.at(-1) : undefined;
        return oldest ? seqOfStreamId(oldest[0]) : undefined;
      }),
    storedBytes: () =>
      withRedis(async () => {
        // What Redis itself reports for this team's keys (MEMORY USAGE estimates a big stream from samples).
        const sessionIds = await redis.lrange(keys.sessionOrder, 0, -1);
        const all = [keys.stream, keys.callStates, keys.callSeenAt, keys.callOrder, ...sessionIds.flatMap((id) => [sessionKey(keys, id), sessionPlacedKey(keys, id), sessionRecordedKey(keys, id)])];
        const pipeline = redis.pipeline();
        for (const key of all) pipeline.memory('USAGE', key);
        return ((await pipeline.exec()) ?? []).reduce((sum, [error, bytes]) => {
          if (error) throw error;
          return sum + Number(bytes ?? 0);
        }, 0);
      }),
    endedSessions: (limit) => withRedis(async () => (await sessionsInOrder()).filter((session) => session.endSeq !== undefined).slice(0, limit)),
  };
}

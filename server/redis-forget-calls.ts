/**
 * What deleting a session does to the known calls, in Redis as in SQLite
 * (docs/architecture.md, "Sessions in Redis"): a call last seen in the deleted
 * range is forgotten, or described again by a notification still kept from
 * before the session.
 */
import type { Redis } from 'ioredis';
import { callsInNotifications } from './known-calls';
import type { RedisKeys } from './redis-keys';
import { streamIdOf, toRelayNotification, type StreamEntry } from './redis-entries';

/** (callId, state, seenAt, seq) for a call described again; (callId, '', '', '') for one forgotten. */
export type CallRestatement = [callId: string, state: string, seenAt: string, seq: string];

const PAGE = 500;

/** How to restate the calls last seen in (startSeq, endSeq], from the notifications kept up to startSeq. */
export async function restatementsForRange(redis: Redis, keys: RedisKeys, startSeq: number, endSeq: number): Promise<CallRestatement[]> {
  const ids = await redis.zrangebyscore(keys.callOrder, `(${startSeq}`, endSeq);
  if (ids.length === 0) return [];
  const earlier = new Map<string, { state?: string; seenAt: string; seq: number }>(ids.map((id) => [id, { seenAt: '', seq: 0 }]));
  // Oldest first, each sighting applied as SQLite's upsert applies it: a state only when the notification says one.
  for (let from = '-'; ; ) {
    const page = (await redis.xrange(keys.stream, from, streamIdOf(startSeq), 'COUNT', PAGE)) as StreamEntry[];
    for (const entry of page) {
      const notification = toRelayNotification(entry);
      for (const sighting of callsInNotifications(notification.body)) {
        const known = earlier.get(sighting.callId);
        if (!known) continue;
        known.seenAt = notification.receivedAt;
        known.seq = notification.seq;
        if (sighting.state !== undefined) known.state = sighting.state;
      }
    }
    const last = page.at(-1);
    if (page.length < PAGE || !last) break;
    from = `(${last[0]}`;
  }
  return [...earlier].map(([id, known]) => (known.seq > 0 ? [id, known.state ?? 'unknown', known.seenAt, String(known.seq)] : [id, '', '', '']));
}

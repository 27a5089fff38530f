/**
 * The pure rules of history, shared by the server's SQLite store and the mock
 * IndexedDB store: where a new session starts, and how a session's events are
 * put back in the order they were seen. (Which notifications a session holds,
 * startSeq < seq <= endSeq, each store asks its database: SQL, an IDBKeyRange.)
 */
import type { RelayNotification } from './schemas';
import type { PlacedEvent } from './sessions';
import type { TimelineEvent } from './timeline';

/**
 * Where the next session starts: where the current one ends now (the relay's last seq),
 * else where the latest ended one stopped (0 when there is none). Sessions tile the seq
 * line, so no notification falls between two of them, even one that arrived while none was open.
 */
export function nextStartSeq(now: { currentIsOpen: boolean; lastSeq: number; latestEndSeq: number | undefined }): number {
  return now.currentIsOpen ? now.lastSeq : (now.latestEndSeq ?? 0);
}

export function relayNotificationEvent(notification: RelayNotification): Extract<TimelineEvent, { kind: 'notification' }> {
  return {
    kind: 'notification',
    seq: notification.seq,
    receivedAt: notification.receivedAt,
    verified: notification.verified,
    source: notification.source,
    body: notification.body,
    ...(notification.redelivered ? { redelivered: true } : {}),
    ...(notification.bot ? { bot: notification.bot } : {}),
  };
}

/**
 * Each recorded event once: a browser that reloads before it hears that its events were
 * stored sends them again. A request is known by its id, a response by its request's id;
 * a replay's events are a scenario's copies, kept as they are.
 */
function firstOfEach(recorded: readonly PlacedEvent[]): PlacedEvent[] {
  const seen = new Set<string>();
  return recorded.filter(({ event }) => {
    if (event.replayed) return true;
    const key = event.kind === 'request' ? `request:${event.id}` : `response:${event.requestId}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * A session's timeline as the browser saw it: each recorded request and response right
 * after the notification it was recorded after (`afterSeq`), notifications in seq order.
 * Recorded events keep their own order among themselves.
 */
export function sessionTimeline(recorded: readonly PlacedEvent[], notifications: readonly RelayNotification[]): TimelineEvent[] {
  const bySeq = [...notifications].sort((a, b) => a.seq - b.seq);
  // Stable: two tabs may have recorded into one session with different views of the relay.
  const placed = firstOfEach(recorded).sort((a, b) => a.afterSeq - b.afterSeq);
  const merged: TimelineEvent[] = [];
  let next = 0;
  const takeNotificationsUpTo = (seq: number) => {
    for (let notification = bySeq[next]; notification && notification.seq <= seq; notification = bySeq[next]) {
      merged.push(relayNotificationEvent(notification));
      next += 1;
    }
  };
  for (const { afterSeq, event } of placed) {
    takeNotificationsUpTo(afterSeq);
    merged.push(event);
  }
  takeNotificationsUpTo(Infinity);
  return merged;
}

/**
 * The part of a session's timeline a query asks for (GET /api/sessions/{id}/events?newest=&before=), cut
 * from the whole of it: what is placed before notification `before`, then of that only the newest `newest`
 * notifications and what follows them. `before` in the answer: where the part starts, when earlier
 * events may remain. The server's paged stores read the same part straight from the database.
 */
export function sessionTimelinePart(events: readonly TimelineEvent[], query: { newest?: number; before?: number }): { events: TimelineEvent[]; before?: number } {
  const isNotification = (event: TimelineEvent): event is Extract<TimelineEvent, { kind: 'notification' }> => event.kind === 'notification';
  const { before, newest } = query;
  const end = before === undefined ? -1 : events.findIndex((event) => isNotification(event) && event.seq >= before);
  const kept = end < 0 ? events : events.slice(0, end);
  if (newest === undefined) return { events: [...kept] };
  let counted = 0;
  for (let index = kept.length - 1; index >= 0; index -= 1) {
    const event = kept[index];
    if (!event || !isNotification(event)) continue;
    counted += 1;
    if (counted === newest) return { events: kept.slice(index), before: event.seq };
  }
  return { events: [...kept] };
}

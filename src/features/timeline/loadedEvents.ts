/**
 * Putting a session's stored events (loaded from /api/sessions/{id}/events)
 * together with what the browser received while they loaded, so nothing is
 * lost and nothing shows twice.
 */
import type { TimelineEvent } from '../../graph/timeline';

/** What makes two events the same one, loaded or arrived; undefined for copies (replays, redeliveries), never merged. */
export function eventKey(event: TimelineEvent): string | undefined {
  if (event.replayed) return undefined;
  if (event.kind === 'request') return `request:${event.id}`;
  if (event.kind === 'response') return `response:${event.requestId}`;
  return event.redelivered ? undefined : `notification:${event.seq}`;
}

/** A notification the relay numbered (not a replay's, not a redelivered copy). */
export function isRelayNotification(event: TimelineEvent): event is Extract<TimelineEvent, { kind: 'notification' }> {
  return event.kind === 'notification' && !event.replayed && !event.redelivered;
}

/**
 * The loaded events, then what arrived meanwhile that they do not hold. Arrivals of another
 * session (the one shown before) are dropped, except relay notifications after `startSeq`,
 * which are the loaded session's.
 */
export function mergeLoaded(loaded: readonly TimelineEvent[], arrived: readonly TimelineEvent[], options: { sameSession: boolean; startSeq: number }): TimelineEvent[] {
  const have = new Set(loaded.map(eventKey));
  const kept = arrived.filter((event) => {
    const key = eventKey(event);
    if (key !== undefined && have.has(key)) return false;
    if (isRelayNotification(event)) return event.seq > options.startSeq;
    return options.sameSession;
  });
  return [...loaded, ...kept];
}

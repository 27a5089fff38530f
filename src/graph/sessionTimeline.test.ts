import { describe, expect, it } from 'vitest';
import type { RelayNotification } from './schemas';
import { nextStartSeq, relayNotificationEvent, sessionTimeline, sessionTimelinePart } from './sessionTimeline';
import { sessionEventsSchema, type PlacedEvent } from './sessions';

const notification = (seq: number): RelayNotification => ({ type: 'notification', seq, receivedAt: `2026-01-01T00:00:0${seq}.000Z`, verified: true, source: 'graph', body: { seq } });
const placed = (afterSeq: number, id: string): PlacedEvent => ({
  afterSeq,
  event: { kind: 'request', id, at: '2026-01-01T00:00:00.000Z', callId: 'c', profile: 'v1.0', method: 'POST', path: '/x', body: {} },
});
const order = (events: ReturnType<typeof sessionTimeline>) => events.map((event) => (event.kind === 'notification' ? event.seq : event.kind === 'request' ? event.id : '?'));

describe('nextStartSeq', () => {
  it('starts where the current session ends, else where the latest ended one did, else at 0', () => {
    expect(nextStartSeq({ currentIsOpen: true, lastSeq: 12, latestEndSeq: 9 })).toBe(12);
    expect(nextStartSeq({ currentIsOpen: false, lastSeq: 12, latestEndSeq: 9 })).toBe(9);
    expect(nextStartSeq({ currentIsOpen: false, lastSeq: 12, latestEndSeq: undefined })).toBe(0);
  });
});

describe('sessionTimeline', () => {
  it('puts each recorded event right after the notification it was recorded after', () => {
    const events = sessionTimeline([placed(0, 'a'), placed(2, 'b'), placed(2, 'c'), placed(9, 'd')], [3, 1, 2].map(notification));
    expect(order(events)).toEqual(['a', 1, 2, 'b', 'c', 3, 'd']);
  });

  it('keeps recorded events in their own order when two tabs saw the relay differently', () => {
    expect(order(sessionTimeline([placed(2, 'late'), placed(1, 'early'), placed(2, 'later')], [1, 2].map(notification)))).toEqual([1, 'early', 2, 'late', 'later']);
  });

  it('turns relay notifications into timeline events, keeping a redelivery mark', () => {
    expect(relayNotificationEvent(notification(4))).toEqual({ kind: 'notification', seq: 4, receivedAt: '2026-01-01T00:00:04.000Z', verified: true, source: 'graph', body: { seq: 4 } });
    expect(relayNotificationEvent({ ...notification(4), redelivered: true }).redelivered).toBe(true);
    // With FORWARD_TO, the bot's answer travels with it, and the history's wire format keeps it.
    const bot = { outcome: 'answered', status: 202, ms: 14, retries: 1 } as const;
    const event = relayNotificationEvent({ ...notification(4), bot });
    expect(event.bot).toEqual(bot);
    const wire = sessionEventsSchema.parse({ session: { id: '0b8d1e6a-2f4c-4d5e-8a9b-1c2d3e4f5a6b', name: 'S', startedAt: '2026-01-01T00:00:00.000Z', startSeq: 0 }, events: [event] });
    expect(wire.events[0]).toEqual(event);
  });

  it('shows an event sent twice (a reload before its store answered) once, where it was first stored', () => {
    const again = placed(2, 'a');
    expect(order(sessionTimeline([placed(0, 'a'), placed(1, 'b'), again], [1, 2].map(notification)))).toEqual(['a', 1, 'b', 2]);
  });
});

describe('sessionTimelinePart', () => {
  const whole = sessionTimeline([placed(0, 'a'), placed(2, 'b'), placed(4, 'c')], [1, 2, 3, 4, 5].map(notification));

  it('cuts the newest notifications and what follows them, and says where earlier events start', () => {
    const newest = sessionTimelinePart(whole, { newest: 2 });
    expect({ ...newest, events: order(newest.events) }).toEqual({ before: 4, events: [4, 'c', 5] });
    const earlier = sessionTimelinePart(whole, { newest: 2, before: 4 });
    expect({ ...earlier, events: order(earlier.events) }).toEqual({ before: 2, events: [2, 'b', 3] });
    const rest = sessionTimelinePart(whole, { newest: 2, before: 2 });
    expect({ ...rest, events: order(rest.events) }).toEqual({ events: ['a', 1] });
  });

  it('is the whole session without a query, and everything before a seq with before alone', () => {
    expect(order(sessionTimelinePart(whole, {}).events)).toEqual(order(whole));
    expect(order(sessionTimelinePart(whole, { before: 3 }).events)).toEqual(['a', 1, 2, 'b']);
  });
});

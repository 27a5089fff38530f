/**
 * The timeline folded a batch at a time (as relay batches arrive) against the timeline built from all the
 * events at once: the same lanes, requests and log order, whatever the events' order and however they are
 * split into batches. Random cases from a seeded generator, so a failure names the seed that shows it.
 */
import { describe, expect, it } from 'vitest';
import { buildTimeline, emptyTimeline, foldEvents, lanesInLogOrder, logOrderOf, type Timeline, type TimelineEvent } from './timeline';

/** mulberry32: small, seeded, good enough to pick cases. */
function random(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, below: (n: number) => Math.floor(next() * n), pick: <T>(items: readonly T[]) => items[Math.floor(next() * items.length)] as T };
}

const CALLS = ['call-a', 'call-b', 'call-c'];
const at = (ms: number) => new Date(Date.UTC(2026, 10, 27, 10, 0, 0) + ms).toISOString();

function notification(seq: number, callId: string, operationId: string, status: string, cancelled: boolean, extra: Partial<Extract<TimelineEvent, { kind: 'notification' }>> = {}): TimelineEvent {
  return {
    kind: 'notification',
    seq,
    receivedAt: at(seq * 10),
    verified: true,
    source: 'graph',
    body: {
      value: [
        {
          '@odata.type': '#microsoft.graph.commsNotification',
          changeType: status === 'running' ? 'created' : 'deleted',
          resourceUrl: `/communications/calls/${callId}/operations/${operationId}`,
          resourceData: {
            '@odata.type': '#microsoft.graph.playPromptOperation',
            id: operationId,
            status,
            ...(cancelled ? { resultInfo: { code: 400, subcode: 8508, message: 'cancelled' } } : status === 'completed' ? { resultInfo: { code: 200, subcode: 0 } } : {}),
          },
        },
      ],
    },
    ...extra,
  };
}

/** A session's events: prompts queued and answered, notices about them (some before their answer), cancels, redeliveries, junk. */
function randomEvents(seed: number): TimelineEvent[] {
  const rng = random(seed);
  const events: TimelineEvent[] = [];
  let seq = 0;
  let requests = 0;
  const operations: { id: string; callId: string }[] = [];
  const count = 20 + rng.below(80);
  for (let step = 0; step < count; step += 1) {
    const choice = rng.next();
    const callId = rng.pick(CALLS);
    if (choice < 0.15) {
      // A request, its answer naming a new operation (Location), and maybe a notice that arrived first.
      requests += 1;
      const id = `req-${requests}`;
      const operationId = `op-${operations.length + 1}`;
      const cancel = rng.next() < 0.3;
      const path = `/communications/calls/${callId}/${cancel ? 'cancelMediaProcessing' : 'playPrompt'}`;
      events.push({ kind: 'request', id, at: at(step), callId, profile: 'v1.0', method: 'POST', path, body: {} });
      if (rng.next() < 0.3) events.push(notification((seq += 1), callId, operationId, 'running', false));
      const refused = cancel && rng.next() < 0.2;
      events.push({
        kind: 'response',
        requestId: id,
        at: at(step + 1),
        status: refused ? 404 : 200,
        headers: refused ? {} : { location: `https://graph.microsoft.com/v1.0/communications/calls/${callId}/operations/${operationId}` },
        body: refused ? { error: { code: 'NotFound', message: 'gone' } } : { '@odata.type': '#microsoft.graph.playPromptOperation', id: operationId, status: 'running' },
      });
      if (!refused) operations.push({ id: operationId, callId });
    } else if (choice < 0.8 && operations.length > 0) {
      const operation = rng.pick(operations);
      const outcome = rng.next();
      events.push(notification((seq += 1), operation.callId, operation.id, outcome < 0.4 ? 'running' : outcome < 0.7 ? 'completed' : 'failed', outcome >= 0.7));
    } else if (choice < 0.9) {
      // An operation first seen in a notice (queued before the console looked).
      const operationId = `op-${operations.length + 1}`;
      operations.push({ id: operationId, callId });
      events.push(notification((seq += 1), callId, operationId, rng.next() < 0.5 ? 'running' : 'failed', rng.next() < 0.5));
    } else if (choice < 0.95 && seq > 0 && operations.length > 0) {
      const operation = rng.pick(operations);
      events.push(notification(1 + rng.below(seq), operation.callId, operation.id, 'completed', false, { redelivered: true }));
    } else {
      events.push({ kind: 'notification', seq: (seq += 1), receivedAt: at(seq * 10), verified: false, source: 'graph', body: { value: 'not a list' } });
    }
  }
  return events;
}

/** Folds the events in random batches, asking for the log order after each (as the timeline view does). */
function foldInBatches(events: readonly TimelineEvent[], seed: number): { timeline: Timeline; orders: string[][] } {
  const rng = random(seed ^ 0x9e3779b9);
  let timeline = emptyTimeline();
  const orders: string[][] = [logOrderOf(timeline).map((lane) => lane.id)];
  for (let start = 0; start < events.length; ) {
    const size = 1 + rng.below(rng.next() < 0.2 ? 20 : 4);
    timeline = foldEvents(timeline, events.slice(start, start + size));
    start += size;
    orders.push(logOrderOf(timeline).map((lane) => lane.id));
    // Now and then a view skips a timeline (never asks its order): the next one must still come out right.
    if (rng.next() < 0.1 && start < events.length) {
      timeline = foldEvents(timeline, events.slice(start, start + 1));
      start += 1;
    }
  }
  orders.push(logOrderOf(timeline).map((lane) => lane.id));
  return { timeline, orders };
}

describe('a timeline folded batch by batch', () => {
  it('equals the timeline built at once, lanes, requests and log order, for random events and batches', () => {
    for (let seed = 1; seed <= 300; seed += 1) {
      const events = randomEvents(seed);
      const whole = buildTimeline(events);
      const { timeline, orders } = foldInBatches(events, seed);
      expect(timeline, `seed ${seed}`).toEqual(whole);
      expect(orders.at(-1), `seed ${seed}`).toEqual(lanesInLogOrder(whole.lanes).map((lane) => lane.id));
    }
  });

  it('keeps the log order of every prefix, for events in a shuffled order', () => {
    for (let seed = 1; seed <= 200; seed += 1) {
      const rng = random(seed * 7);
      const events = randomEvents(seed);
      // Arrival order differs from the log's (a relay catching up, answers late): shuffle neighbours.
      for (let i = events.length - 1; i > 0; i -= 1) {
        if (rng.next() < 0.3) {
          const j = Math.max(0, i - 1 - rng.below(3));
          [events[i], events[j]] = [events[j] as TimelineEvent, events[i] as TimelineEvent];
        }
      }
      let timeline = emptyTimeline();
      logOrderOf(timeline);
      for (let start = 0; start < events.length; ) {
        const size = 1 + rng.below(5);
        timeline = foldEvents(timeline, events.slice(start, start + size));
        start += size;
        expect(logOrderOf(timeline).map((lane) => lane.id), `seed ${seed} after ${start} events`).toEqual(lanesInLogOrder(buildTimeline(events.slice(0, start)).lanes).map((lane) => lane.id));
      }
      expect(timeline, `seed ${seed}`).toEqual(buildTimeline(events));
    }
  });

  it('leaves the lanes a batch did not touch as they were (the same objects), so the views skip them', () => {
    const events = randomEvents(42);
    const before = buildTimeline(events.slice(0, -1));
    logOrderOf(before);
    const after = foldEvents(before, events.slice(-1));
    const changed = after.lanes.filter((lane, index) => lane !== before.lanes[index]);
    expect(changed.length).toBeLessThanOrEqual(1);
    const order = logOrderOf(after);
    expect(order.filter((lane) => !before.lanes.includes(lane)).length).toBe(changed.length);
  });
});

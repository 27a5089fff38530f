/**
 * The timeline folded a batch at a time (as relay batches arrive) against the timeline built from all the
 * events at once: the same lanes, requests and log order, whatever the events' order and however they are
 * split into batches. Random cases from a seeded generator, so a failure names the seed that shows it.
 */
import { describe, expect, it } from 'vitest';
import { random, randomEvents, shuffleNeighbours } from './fixtures/randomEvents';
import { buildTimeline, emptyTimeline, foldEvents, lanesInLogOrder, logOrderOf, type Timeline, type TimelineEvent } from './timeline';

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
      shuffleNeighbours(events, rng);
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

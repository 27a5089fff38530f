/**
 * The calls, types and per-call lanes worked out batch by batch (as relay batches arrive) against the same
 * worked out at once from the timeline built from all the events so far.
 */
import { describe, expect, it } from 'vitest';
import { random, randomEvents, shuffleNeighbours } from './fixtures/randomEvents';
import { callIdsOf, callLanesOf, laneOfRequestOf, lanesByCall, typesOf } from './laneGroups';
import { buildTimeline, emptyTimeline, foldEvents, lanesInLogOrder, type OperationLane, type Timeline, type TimelineEvent } from './timeline';

const distinct = (lanes: readonly OperationLane[], field: (lane: OperationLane) => string | undefined) => [...new Set(lanes.map(field).filter(Boolean))];
const idsByCall = (groups: readonly { callId: string; lanes: readonly OperationLane[] }[]) => groups.map((group) => [group.callId, group.lanes.map((lane) => lane.id)]);

function atOnce(events: readonly TimelineEvent[]) {
  const whole = buildTimeline(events);
  const started = whole.lanes.filter((lane) => lane.startedByRequestId).map((lane) => [lane.startedByRequestId, lane.id]);
  return {
    callIds: distinct(whole.lanes, (lane) => lane.callId),
    types: distinct(whole.lanes, (lane) => lane.type),
    byCall: idsByCall(lanesByCall(lanesInLogOrder(whole.lanes))),
    started: Object.fromEntries(started),
  };
}

const asked = (timeline: Timeline) => ({
  callIds: [...callIdsOf(timeline)],
  types: [...typesOf(timeline)],
  byCall: idsByCall(callLanesOf(timeline)),
  // The lane as it is now, not a copy from an earlier timeline.
  started: Object.fromEntries([...laneOfRequestOf(timeline)].map(([requestId, lane]) => [requestId, timeline.lanes.includes(lane) ? lane.id : `stale ${lane.id}`])),
});

describe('what the views show of all the lanes, batch by batch', () => {
  it('equals what is worked out at once, for random events, batches and events in a shuffled order', () => {
    for (let seed = 1; seed <= 200; seed += 1) {
      const rng = random(seed * 13);
      const events = randomEvents(seed);
      if (seed % 2 === 0) shuffleNeighbours(events, rng);
      let timeline = emptyTimeline();
      asked(timeline);
      for (let start = 0; start < events.length; ) {
        const size = 1 + rng.below(rng.next() < 0.2 ? 20 : 4);
        timeline = foldEvents(timeline, events.slice(start, start + size));
        start += size;
        // Now and then a view skips a timeline (never asks): the next one must still come out right.
        if (rng.next() < 0.1) continue;
        expect(asked(timeline), `seed ${seed} after ${start} events`).toEqual(atOnce(events.slice(0, start)));
      }
    }
  });

  it('keeps what a batch did not change: the same arrays, the same call groups', () => {
    const events = randomEvents(7);
    let timeline = foldEvents(emptyTimeline(), events.slice(0, -1));
    const before = { callIds: callIdsOf(timeline), types: typesOf(timeline), byCall: callLanesOf(timeline) };
    timeline = foldEvents(timeline, events.slice(-1));
    expect(callIdsOf(timeline)).toBe(before.callIds);
    expect(typesOf(timeline)).toBe(before.types);
    const after = callLanesOf(timeline);
    const changed = after.filter((group) => !before.byCall.includes(group));
    expect(changed.length).toBeLessThanOrEqual(1);
  });
});

import type { OperationLane } from '../../graph/timeline';
import { clockTime } from './format';
import type { LatestEntry } from './LatestStrip';
import { LATEST_COUNT } from './swimlaneModel';

/**
 * The `count` operations changed last, newest first: ranked by the place of their last change in the
 * log (an operation with none yet by its own place). `newestFirst` is the List's order, so on a tie the
 * one met first is the newer.
 */
export function latestLanes(newestFirst: readonly OperationLane[], count: number): OperationLane[] {
  const latest: { lane: OperationLane; place: number }[] = [];
  for (const lane of newestFirst) {
    const place = lane.changes.at(-1)?.place ?? lane.place;
    const lowest = latest[count - 1];
    if (lowest && place <= lowest.place) continue;
    const at = latest.findIndex((ranked) => place > ranked.place);
    latest.splice(at < 0 ? latest.length : at, 0, { lane, place });
    latest.length = Math.min(latest.length, count);
  }
  return latest.map((ranked) => ranked.lane);
}

/** The Latest strip's entries where times are clock times (the List, and the server's first screen): newest first. */
export function latestAtClockTime(newestFirst: readonly OperationLane[]): LatestEntry[] {
  return latestLanes(newestFirst, LATEST_COUNT).map((lane) => ({ lane, callId: lane.callId ?? '', when: clockTime(lane.changes.at(-1)?.at ?? '') }));
}

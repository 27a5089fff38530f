/**
 * What the timeline views show of all the lanes at once (the calls and types to filter by, the lanes of
 * each call in the log's order), kept per timeline and, for a folded one, worked out from the previous
 * timeline's for the lanes the fold touched: a relay batch costs its own lanes, not the whole history.
 */
import { compareInLog, derivedPerTimeline, logOrderOf, type FoldStep, type OperationLane, type Timeline } from './timeline';

/** The distinct values of a lane field, in the order of the first lane (by arrival) that holds each. */
interface DistinctValues {
  values: readonly string[];
  /** Per value: how many lanes hold it, and the first of them (its position in `lanes`). */
  holders: ReadonlyMap<string, { count: number; first: number }>;
}

function distinctValues(lanes: readonly OperationLane[], field: (lane: OperationLane) => string | undefined): DistinctValues {
  const holders = new Map<string, { count: number; first: number }>();
  for (const [position, lane] of lanes.entries()) {
    const value = field(lane);
    if (!value) continue;
    const held = holders.get(value);
    holders.set(value, held ? { count: held.count + 1, first: held.first } : { count: 1, first: position });
  }
  return { values: [...holders.keys()], holders };
}

function updateDistinct(before: DistinctValues, { previous, timeline, touched }: FoldStep, field: (lane: OperationLane) => string | undefined): DistinctValues | undefined {
  let holders: Map<string, { count: number; first: number }> | undefined;
  for (const position of touched) {
    const old = previous.lanes[position];
    const lane = timeline.lanes[position];
    const was = old ? field(old) : undefined;
    const is = lane ? field(lane) : undefined;
    if (was === is) continue;
    holders ??= new Map(before.holders);
    const held = was ? holders.get(was) : undefined;
    if (was && held) {
      if (held.count === 1) holders.delete(was);
      // Its first holder no longer holds it: which lane now comes first takes a scan, so start over (rare: a type named late).
      else if (held.first === position) return undefined;
      else holders.set(was, { count: held.count - 1, first: held.first });
    }
    if (is) {
      const holding = holders.get(is);
      holders.set(is, holding ? { count: holding.count + 1, first: Math.min(holding.first, position) } : { count: 1, first: position });
    }
  }
  if (!holders) return before;
  const values = [...holders].sort((a, b) => a[1].first - b[1].first).map(([value]) => value);
  // The same list while it holds the same values: what depends on it is not redone.
  const same = values.length === before.values.length && values.every((value, index) => value === before.values[index]);
  return { values: same ? before.values : values, holders };
}

function distinctPerTimeline(field: (lane: OperationLane) => string | undefined): (timeline: Timeline) => readonly string[] {
  const of = derivedPerTimeline(
    (timeline) => distinctValues(timeline.lanes, field),
    (before, step) => updateDistinct(before, step, field),
  );
  return (timeline) => of(timeline).values;
}

/** The calls the timeline's lanes are on, in the order they first appeared (the same array while unchanged). */
export const callIdsOf = distinctPerTimeline((lane) => lane.callId);

/** The timeline's operation types, in the order they first appeared (the same array while unchanged). */
export const typesOf = distinctPerTimeline((lane) => lane.type);

/** The lanes of one call, in the log's order. */
export interface CallLanes {
  /** '' for lanes on no known call. */
  callId: string;
  lanes: readonly OperationLane[];
}

/** Lanes (in the log's order) grouped by call, the groups in the order their calls first appear. */
export function lanesByCall(ordered: readonly OperationLane[]): CallLanes[] {
  const byCall = new Map<string, OperationLane[]>();
  for (const lane of ordered) {
    const key = lane.callId ?? '';
    const group = byCall.get(key);
    if (group) group.push(lane);
    else byCall.set(key, [lane]);
  }
  return [...byCall].map(([callId, lanes]) => ({ callId, lanes }));
}

/**
 * lanesByCall(logOrderOf(timeline)), kept per timeline: a fold moves only the lanes it touched, and a group
 * it did not touch is the same object as before (a view can skip it).
 */
export const callLanesOf: (timeline: Timeline) => readonly CallLanes[] = derivedPerTimeline((timeline) => lanesByCall(logOrderOf(timeline)), updateCallLanes);

function updateCallLanes(before: readonly CallLanes[], { previous, timeline, touched }: FoldStep): readonly CallLanes[] | undefined {
  const compare = compareInLog(timeline);
  const changed = new Map<string, OperationLane[]>();
  const lanesOf = (callId: string): OperationLane[] => {
    let lanes = changed.get(callId);
    if (!lanes) changed.set(callId, (lanes = [...(before.find((group) => group.callId === callId)?.lanes ?? [])]));
    return lanes;
  };
  for (const position of touched) {
    const old = previous.lanes[position];
    if (!old) continue;
    const lanes = lanesOf(old.callId ?? '');
    // Touched lanes are mostly the newest: looked for from the end.
    const at = lanes.lastIndexOf(old);
    if (at < 0) return undefined;
    lanes.splice(at, 1);
  }
  for (const position of touched) {
    const lane = timeline.lanes[position];
    if (!lane) continue;
    const lanes = lanesOf(lane.callId ?? '');
    let low = 0;
    let high = lanes.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (compare(lanes[middle] as OperationLane, lane) < 0) low = middle + 1;
      else high = middle;
    }
    lanes.splice(low, 0, lane);
  }
  if (changed.size === 0) return before;
  const groups: CallLanes[] = before.map((group) => {
    const lanes = changed.get(group.callId);
    return lanes ? { callId: group.callId, lanes } : group;
  });
  for (const [callId, lanes] of changed) if (!before.some((group) => group.callId === callId)) groups.push({ callId, lanes });
  // Calls in the order they first appear: a group's first lane may have changed, a group may be new or empty.
  return groups.filter((group) => group.lanes.length > 0).sort((a, b) => compare(a.lanes[0] as OperationLane, b.lanes[0] as OperationLane));
}

function lanesByRequest(lanes: readonly OperationLane[]): ReadonlyMap<string, OperationLane> {
  const byRequest = new Map<string, OperationLane>();
  for (const lane of lanes) if (lane.startedByRequestId) byRequest.set(lane.startedByRequestId, lane);
  return byRequest;
}

/** The lane each request started (by request id): what a cancelled bar names and links to. The same map while no lane a request started changed. */
export const laneOfRequestOf: (timeline: Timeline) => ReadonlyMap<string, OperationLane> = derivedPerTimeline(
  (timeline) => lanesByRequest(timeline.lanes),
  (before, { previous, timeline, touched }) => {
    let byRequest: Map<string, OperationLane> | undefined;
    for (const position of touched) {
      const old = previous.lanes[position];
      const lane = timeline.lanes[position];
      // A lane that no longer names the request it named, or a request naming two lanes: rare enough to start over.
      if (old?.startedByRequestId && old.startedByRequestId !== lane?.startedByRequestId) return undefined;
      const requestId = lane?.startedByRequestId;
      if (!lane || !requestId) continue;
      const held = (byRequest ?? before).get(requestId);
      if (held === lane) continue;
      if (held && held.id !== lane.id) return undefined;
      byRequest ??= new Map(before);
      byRequest.set(requestId, lane);
    }
    return byRequest ?? before;
  },
);

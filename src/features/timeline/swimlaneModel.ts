/**
 * What the swimlanes draw, apart from React: a bar per operation, grouped by call, laid out in
 * rows, and which of them a window onto the chart shows. Pure and cheap per update: a bar is
 * worked out once per lane object (the timeline copies a lane only when it changes), and only
 * the rows in view are ever drawn.
 */
import { axisTime, isOngoing, plainStatus, type PlainStatus } from '../../graph/timeAxis';
import type { CallLanes } from '../../graph/laneGroups';
import type { OperationLane } from '../../graph/timeline';

export interface BarModel {
  lane: OperationLane;
  startMs: number;
  endMs: number;
  status: PlainStatus;
  ongoing: boolean;
  /** Still running in a live timeline (not a replay's): its end follows the clock. */
  growing: boolean;
}

export interface CallGroupModel {
  callId: string;
  bars: BarModel[];
  /** From the top of the chart's rows (below the axis). */
  top: number;
  height: number;
}

export interface ChartModel {
  groups: CallGroupModel[];
  originMs: number;
  /** The latest end of a bar that does not grow with the clock. */
  lastMs: number;
  anyGrowing: boolean;
  /** The operation the newest notification or answer is about: "Follow live" keeps it in view. */
  newestLaneId?: string;
  /** Where the newest operation's row is, from the top of the rows. */
  newestTop?: number;
  /** The operations changed last, newest first (at most LATEST_COUNT): the chart's "Latest" strip. */
  latest: LatestBar[];
  height: number;
}

/** An operation among the latest, with its call and where its row is (from the top of the rows). */
export interface LatestBar {
  bar: BarModel;
  callId: string;
  top: number;
}

/** How many operations the "Latest" strip names. */
export const LATEST_COUNT = 3;

export interface RowMetrics {
  headPx: number;
  rowPx: number;
}

const barCache = new WeakMap<OperationLane, { offsetMs: number; live: boolean; bar: BarModel }>();

function barOf(lane: OperationLane, offsetMs: number, live: boolean): BarModel | undefined {
  const cached = barCache.get(lane);
  if (cached && cached.offsetMs === offsetMs && cached.live === live) return cached.bar;
  const first = lane.changes[0];
  const last = lane.changes.at(-1);
  if (!first || !last) return undefined;
  const status = plainStatus(last);
  const ongoing = isOngoing(status);
  const bar: BarModel = { lane, startMs: axisTime(first, offsetMs), endMs: axisTime(last, offsetMs), status, ongoing, growing: ongoing && live && !last.replayed };
  barCache.set(lane, { offsetMs, live, bar });
  return bar;
}

/** What a chart needs of one call's lanes, worked out once per lanes array (a batch leaves most calls' arrays as they were). */
interface GroupSummary {
  bars: BarModel[];
  originMs: number;
  lastMs: number;
  anyGrowing: boolean;
  /** The lanes whose last changes are the newest, newest first (the later in the log's order first on a tie), and their rows. */
  newest: Ranked[];
}

/** A lane ranked by the place of its last change. */
interface Ranked {
  place: number;
  index: number;
  lane: OperationLane;
}

const summaries = new WeakMap<readonly OperationLane[], { offsetMs: number; live: boolean; summary: GroupSummary }>();

function summaryOf(lanes: readonly OperationLane[], offsetMs: number, live: boolean): GroupSummary {
  const cached = summaries.get(lanes);
  if (cached && cached.offsetMs === offsetMs && cached.live === live) return cached.summary;
  const summary: GroupSummary = { bars: [], originMs: Infinity, lastMs: -Infinity, anyGrowing: false, newest: [] };
  for (const lane of lanes) {
    const bar = barOf(lane, offsetMs, live);
    if (!bar) continue;
    summary.bars.push(bar);
    summary.originMs = Math.min(summary.originMs, bar.startMs);
    summary.lastMs = Math.max(summary.lastMs, bar.endMs);
    summary.anyGrowing ||= bar.growing;
    const place = lane.changes.at(-1)?.place ?? lane.place;
    // The lanes come in the log's order: on a tie, the later one is the newer.
    const at = summary.newest.findIndex((ranked) => place >= ranked.place);
    if (at >= 0 || summary.newest.length < LATEST_COUNT) {
      summary.newest.splice(at >= 0 ? at : summary.newest.length, 0, { place, index: summary.bars.length - 1, lane });
      summary.newest.length = Math.min(summary.newest.length, LATEST_COUNT);
    }
  }
  summaries.set(lanes, { offsetMs, live, summary });
  return summary;
}

/**
 * Each call's lanes (in the log's order; the calls in the order they first appear) as bars, laid out top to
 * bottom. A call whose lanes array is the one given before costs nothing: only the calls a batch touched are
 * gone through. `inLogOrder` breaks ties between calls for the newest operation.
 */
export function chartModel(calls: readonly CallLanes[], offsetMs: number, live: boolean, metrics: RowMetrics, inLogOrder: (a: OperationLane, b: OperationLane) => number): ChartModel {
  const groups: CallGroupModel[] = [];
  let originMs = Infinity;
  let lastMs = -Infinity;
  let anyGrowing = false;
  let latest: (Ranked & LatestBar)[] = [];
  // Newer first: a later place, or on the same place the later in the log's order.
  const newer = (a: Ranked, b: Ranked) => b.place - a.place || inLogOrder(b.lane, a.lane);
  let top = 0;
  for (const { callId, lanes } of calls) {
    const summary = summaryOf(lanes, offsetMs, live);
    if (summary.bars.length === 0) continue;
    const height = metrics.headPx + summary.bars.length * metrics.rowPx;
    groups.push({ callId, bars: summary.bars, top, height });
    originMs = Math.min(originMs, summary.originMs);
    lastMs = Math.max(lastMs, summary.lastMs);
    anyGrowing ||= summary.anyGrowing;
    // Only a call's own newest few can be among the latest of all.
    const lowest = latest[LATEST_COUNT - 1];
    const candidates = summary.newest.filter((ranked) => !lowest || newer(ranked, lowest) < 0);
    if (candidates.length > 0) {
      const groupTop = top;
      const bars = candidates.map((ranked) => ({ ...ranked, bar: summary.bars[ranked.index] as BarModel, callId, top: groupTop + metrics.headPx + ranked.index * metrics.rowPx }));
      latest = [...latest, ...bars].sort(newer).slice(0, LATEST_COUNT);
    }
    top += height;
  }
  const newest = latest[0];
  return {
    groups,
    originMs,
    lastMs: Math.max(lastMs, originMs),
    anyGrowing,
    ...(newest ? { newestLaneId: newest.lane.id, newestTop: newest.top } : {}),
    latest: latest.map(({ bar, callId, top: at }) => ({ bar, callId, top: at })),
    height: top,
  };
}

/** Where an operation's row is, from the top of the rows; undefined when the chart does not hold it. */
export function rowTop(model: ChartModel, laneId: string, metrics: RowMetrics): number | undefined {
  for (const group of model.groups) {
    const index = group.bars.findIndex((bar) => bar.lane.id === laneId);
    if (index >= 0) return group.top + metrics.headPx + index * metrics.rowPx;
  }
  return undefined;
}

/**
 * Where the row at `top` of `previous` is in `next`, from the top of the rows: rows added above it (another call's
 * new operations, or the session's earlier events put before its newest) move it down, and a view onto it must move
 * with it, or what the user is reading slides away. Within a call's head, the head is followed.
 */
export function anchoredTop(previous: ChartModel, next: ChartModel, top: number, metrics: RowMetrics): number {
  if (previous.groups === next.groups) return top;
  const group = groupAt(previous.groups, top);
  const moved = group && next.groups.find((candidate) => candidate.callId === group.callId);
  if (!group || !moved) return top;
  const index = Math.floor((top - group.top - metrics.headPx) / metrics.rowPx);
  const laneId = group.bars[index]?.lane.id;
  if (laneId === undefined) return top + moved.top - group.top;
  // Most batches add rows after the ones in view: the same place first, then a search.
  const nextIndex = moved.bars[index]?.lane.id === laneId ? index : moved.bars.findIndex((bar) => bar.lane.id === laneId);
  if (nextIndex < 0) return top + moved.top - group.top;
  return top + moved.top + nextIndex * metrics.rowPx - (group.top + index * metrics.rowPx);
}

/** The group whose rows (or head) are at `top`: the last one starting at or above it. */
function groupAt(groups: readonly CallGroupModel[], top: number): CallGroupModel | undefined {
  let low = 0;
  let high = groups.length - 1;
  let found: CallGroupModel | undefined;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const group = groups[middle] as CallGroupModel;
    if (group.top <= top) {
      found = group;
      low = middle + 1;
    } else high = middle - 1;
  }
  return found;
}

/** How many steps of Fit's scale per doubling: about 9 % each. */
const FIT_STEPS_PER_DOUBLING = 8;

/**
 * The scale Fit uses for an exact fit of `exactPxPerSecond`: the step at or just below it, so the whole span still
 * fits. A live axis grows with every batch; stepped, its scale (and the style of every bar drawn) changes a few
 * times a minute instead of every frame.
 */
export function fitScale(exactPxPerSecond: number): number {
  if (!(exactPxPerSecond > 0) || !Number.isFinite(exactPxPerSecond)) return exactPxPerSecond;
  return 2 ** (Math.floor(Math.log2(exactPxPerSecond) * FIT_STEPS_PER_DOUBLING) / FIT_STEPS_PER_DOUBLING);
}

/** The rows of a group that fall within [fromPx, toPx) of the rows' height: [first, end). */
export function rowsInWindow(group: CallGroupModel, fromPx: number, toPx: number, metrics: RowMetrics): [number, number] {
  const rowsTop = group.top + metrics.headPx;
  const first = Math.max(0, Math.floor((fromPx - rowsTop) / metrics.rowPx));
  const end = Math.min(group.bars.length, Math.ceil((toPx - rowsTop) / metrics.rowPx));
  return [first, Math.max(first, end)];
}

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
  height: number;
}

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
  /** The lane whose last change is the newest (the last such in the log's order), and its row. */
  newest?: { place: number; index: number; lane: OperationLane };
}

const summaries = new WeakMap<readonly OperationLane[], { offsetMs: number; live: boolean; summary: GroupSummary }>();

function summaryOf(lanes: readonly OperationLane[], offsetMs: number, live: boolean): GroupSummary {
  const cached = summaries.get(lanes);
  if (cached && cached.offsetMs === offsetMs && cached.live === live) return cached.summary;
  const summary: GroupSummary = { bars: [], originMs: Infinity, lastMs: -Infinity, anyGrowing: false };
  for (const lane of lanes) {
    const bar = barOf(lane, offsetMs, live);
    if (!bar) continue;
    summary.bars.push(bar);
    summary.originMs = Math.min(summary.originMs, bar.startMs);
    summary.lastMs = Math.max(summary.lastMs, bar.endMs);
    summary.anyGrowing ||= bar.growing;
    const place = lane.changes.at(-1)?.place ?? lane.place;
    if (!summary.newest || place >= summary.newest.place) summary.newest = { place, index: summary.bars.length - 1, lane };
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
  let newest: { place: number; lane: OperationLane; top: number } | undefined;
  let top = 0;
  for (const { callId, lanes } of calls) {
    const summary = summaryOf(lanes, offsetMs, live);
    if (summary.bars.length === 0) continue;
    const height = metrics.headPx + summary.bars.length * metrics.rowPx;
    groups.push({ callId, bars: summary.bars, top, height });
    originMs = Math.min(originMs, summary.originMs);
    lastMs = Math.max(lastMs, summary.lastMs);
    anyGrowing ||= summary.anyGrowing;
    const candidate = summary.newest;
    if (candidate && (!newest || candidate.place > newest.place || (candidate.place === newest.place && inLogOrder(candidate.lane, newest.lane) > 0))) {
      newest = { place: candidate.place, lane: candidate.lane, top: top + metrics.headPx + candidate.index * metrics.rowPx };
    }
    top += height;
  }
  return {
    groups,
    originMs,
    lastMs: Math.max(lastMs, originMs),
    anyGrowing,
    ...(newest ? { newestLaneId: newest.lane.id, newestTop: newest.top } : {}),
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

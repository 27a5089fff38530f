/**
 * The swimlanes' time axis and the words on their bars. Pure, so the chart and its tests share it.
 *
 * Notifications carry the server's clock (`receivedAt`); requests and answers carry the browser's.
 * The two need not agree, so the browser's times are moved onto the server's by an offset inferred
 * from the log's order: an event recorded after seq s and before seq s+1 happened between their
 * `receivedAt`s. Order itself never comes from a clock (see OperationLane.place).
 */
import type { OperationLane, RequestEntry, StatusChange } from './timeline';

const ms = (iso: string) => Date.parse(iso);

/**
 * How far (ms) the browser's clock must move to agree with the server's, given the log's order. 0 when nothing
 * says otherwise. The requests count as well as the answers: a cancel's notifications often arrive before its
 * answer, and only the request, sent before them, then bounds the offset from above.
 */
export function browserClockOffsetMs(lanes: readonly OperationLane[], requests: readonly RequestEntry[] = []): number {
  return clockOffset(lanes, requests).offsetMs;
}

/** Offsets that no later notification can move, by the requests they were worked out with. */
const settledOffsets = new WeakMap<Record<string, RequestEntry>, number>();

/**
 * browserClockOffsetMs of a live timeline, without going through every lane per relay batch. Once a notification
 * follows every recorded event, later notifications (higher seqs) are no recorded event's neighbour, so the
 * offset stays what it is until the requests change (a request sent, an answer received: a new `requests`).
 */
export function liveClockOffsetMs(lanes: readonly OperationLane[], requests: Record<string, RequestEntry>): number {
  const settled = settledOffsets.get(requests);
  if (settled !== undefined) return settled;
  const offset = clockOffset(lanes, Object.values(requests));
  if (offset.settled) settledOffsets.set(requests, offset.offsetMs);
  return offset.offsetMs;
}

/** The offset, and whether a notification follows every recorded event (see liveClockOffsetMs). */
function clockOffset(lanes: readonly OperationLane[], requests: readonly RequestEntry[]): { offsetMs: number; settled: boolean } {
  const noticeAt = new Map<number, number>();
  const recorded: { at: string; place: number }[] = requests.map((request) => ({ at: request.at, place: request.place }));
  for (const lane of lanes) {
    for (const change of lane.changes) {
      if (change.via === 'notification' && change.seq !== undefined && !change.redelivered) noticeAt.set(change.seq, ms(change.at));
      else if (change.via === 'response') recorded.push(change);
    }
  }
  if (noticeAt.size === 0 || recorded.length === 0) return { offsetMs: 0, settled: false };
  const seqs = [...noticeAt.keys()].sort((a, b) => a - b);
  const settled = (seqs.at(-1) as number) > Math.max(...recorded.map((change) => change.place));
  // Newest first: a session may hold events recorded by other browsers, with other clocks. The newest
  // events are this browser's; an older one that disagrees with them came from another clock and stops the search.
  const newestFirst = [...recorded].sort((a, b) => b.place - a.place);
  let lower = -Infinity;
  let upper = Infinity;
  for (const change of newestFirst) {
    const at = ms(change.at);
    if (Number.isNaN(at)) continue;
    const split = countAtOrBelow(seqs, change.place);
    const before = seqs[split - 1];
    const after = seqs[split];
    const nextLower = before === undefined ? lower : Math.max(lower, (noticeAt.get(before) ?? at) - at);
    const nextUpper = after === undefined ? upper : Math.min(upper, (noticeAt.get(after) ?? at) - at);
    if (nextLower > nextUpper) break;
    lower = nextLower;
    upper = nextUpper;
  }
  return { offsetMs: Math.min(Math.max(0, lower), upper), settled };
}

/** How many of the sorted values are at or below `value` (binary search): the one before is at or below, the one at it above. */
function countAtOrBelow(sorted: readonly number[], value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((sorted[middle] as number) <= value) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** A change's time on the axis (the server's clock), in ms since the epoch. */
export function axisTime(change: StatusChange, offsetMs: number): number {
  return ms(change.at) + (change.via === 'response' ? offsetMs : 0);
}

/** Plain words for a status, for people who do not read Graph; the codes stay in the details. */
export type PlainStatus = 'cancelled' | 'finished' | 'running' | 'waiting' | 'failed' | 'accepted' | 'unknown';

export function plainStatus(change: StatusChange | undefined): PlainStatus {
  if (!change) return 'unknown';
  if (change.status === 'failed') return change.resultInfo?.subcode === 8508 || change.completionReason === 'operationCanceled' ? 'cancelled' : 'failed';
  if (change.status === 'completed') return 'finished';
  if (change.status === 'running') return 'running';
  if (change.status === 'notStarted') return 'waiting';
  if (change.status.startsWith('accepted')) return 'accepted';
  return 'unknown';
}

export const isOngoing = (status: PlainStatus) => status === 'running' || status === 'waiting' || status === 'accepted';

/** The first 8 characters of an id, as the bars and announcements name operations. */
export const idPrefix = (id: string) => id.slice(0, 8);

/** Seconds from the axis origin, as the bars' names and ticks say them. */
export const seconds = (fromMs: number, originMs: number) => `${((fromMs - originMs) / 1000).toFixed(1)} s`;

/** The lane of the operation a request started (a cancel's own operation), if the timeline holds it. */
export function operationOfRequest(lanes: readonly OperationLane[], request: RequestEntry): OperationLane | undefined {
  return lanes.find((lane) => lane.startedByRequestId === request.id);
}

/**
 * A bar's accessible name: type, short id, status (with its code), what cancelled it or what it
 * ended, and its span on the axis. "playPrompt c0842457, failed 400/8508, cancelled by
 * cancelMediaProcessing cf372146, 0.0 s–4.1 s".
 */
export function barName(options: {
  lane: OperationLane;
  cancelledBy?: OperationLane | RequestEntry;
  ended?: readonly OperationLane[];
  startMs: number;
  endMs: number;
  originMs: number;
  ongoing: boolean;
}): string {
  const { lane, cancelledBy, ended = [], startMs, endMs, originMs, ongoing } = options;
  const last = lane.changes.at(-1);
  const code = last?.resultInfo ? ` ${last.resultInfo.code}/${last.resultInfo.subcode ?? 0}` : '';
  const plain = plainStatus(last);
  // The word on the bar is in its name too, so what is seen and what is heard agree.
  const word = plain === 'cancelled' || plain === 'unknown' || plain === last?.status ? '' : ` (${plain})`;
  const parts = [`${lane.type} ${idPrefix(lane.id)}`, `${last?.status ?? 'unknown'}${code}${word}`];
  if (cancelledBy) parts.push('type' in cancelledBy ? `cancelled by ${cancelledBy.type} ${idPrefix(cancelledBy.id)}` : `cancelled by ${cancelledBy.action}`);
  if (ended.length > 0) parts.push(`ended ${ended.map((other) => `${other.type} ${idPrefix(other.id)}`).join(', ')}`);
  parts.push(`${seconds(startMs, originMs)}–${ongoing ? 'now' : seconds(endMs, originMs)}`);
  return parts.join(', ');
}

/** Tick spacing: the smallest step that leaves at least `minGapPx` between labels. */
const STEPS_S = [0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 1800, 3600];
export function tickStepSeconds(pxPerSecond: number, minGapPx = 72): number {
  return STEPS_S.find((step) => step * pxPerSecond >= minGapPx) ?? (STEPS_S.at(-1) as number);
}

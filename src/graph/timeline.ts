/**
 * Folds what the console saw (requests it sent, answers it got, notifications
 * the relay delivered) into an operation timeline: one lane per operation,
 * each with its status changes. Pure, so the SPA, replays and tests share it.
 */
import type { ProfileId } from './profiles';
import { commsNotificationsSchema, operationSchema, type BotAnswer, type GraphOperation, type NotificationSource, type ResultInfo } from './schemas';

/**
 * Set on events a scenario replay feeds in: they did not come from Graph now,
 * the timeline says so, and the relay's numbering ignores them.
 */
interface Replayable {
  replayed?: boolean;
}

export type TimelineEvent = (
  | {
      kind: 'request';
      id: string;
      at: string;
      callId: string;
      profile: ProfileId;
      method: string;
      path: string;
      body: unknown;
    }
  | {
      kind: 'response';
      requestId: string;
      at: string;
      status: number;
      headers: Record<string, string>;
      body: unknown;
    }
  | {
      kind: 'notification';
      seq: number;
      receivedAt: string;
      verified: boolean;
      source: NotificationSource;
      body: unknown;
      /** Sent again by the relay on request (Redeliver): shown, marked, never stored or counted twice. */
      redelivered?: boolean;
      /** With FORWARD_TO: what the bot answered, when known as the event was made (later answers come as relay `botAnswer`s). */
      bot?: BotAnswer;
    }
) &
  Replayable;

export interface StatusChange {
  status: string;
  at: string;
  via: 'response' | 'notification';
  changeType?: string;
  resultInfo?: ResultInfo;
  completionReason?: string;
  verified?: boolean;
  source?: NotificationSource;
  seq?: number;
  /** The change came from a scenario replay, not from Graph. */
  replayed?: boolean;
  /** The change came from a redelivery of a notification already shown. */
  redelivered?: boolean;
  /** Where the change sits in the log (see `place` on OperationLane). */
  place: number;
  raw: unknown;
}

export interface OperationLane {
  id: string;
  callId?: string;
  /** playPrompt, recordResponse, cancelMediaProcessing, commsOperation... */
  type: string;
  clientContext?: string;
  changes: StatusChange[];
  /** The request whose answer named this operation. */
  startedByRequestId?: string;
  /** The cancel request that ended it. */
  cancelledByRequestId?: string;
  /**
   * Where the operation sits in the log, never read from a clock: a notification's place is its relay
   * seq; a request or answer the browser recorded sits just after the last seq it had seen then
   * (seq + 0.5). An operation is placed by the request that started it, else by its first notification,
   * and never after the cancel that ended it.
   */
  place: number;
}

export interface RequestEntry {
  id: string;
  at: string;
  callId: string;
  profile: ProfileId;
  method: string;
  path: string;
  body: unknown;
  action: string;
  /** Where it was sent, in the log's order (see OperationLane.place). */
  place: number;
  response?: { status: number; at: string; headers: Record<string, string>; body: unknown };
  /** Operations this request ended (for a cancel). */
  cancelledOperationIds: string[];
}

export interface Timeline {
  lanes: OperationLane[];
  requests: Record<string, RequestEntry>;
  /** Notifications that named no operation (call updates, malformed bodies). */
  otherNotifications: Extract<TimelineEvent, { kind: 'notification' }>[];
  /** The highest relay seq folded so far: what the browser had seen when the next recorded event happened. */
  lastSeq: number;
}

export const emptyTimeline = (): Timeline => ({ lanes: [], requests: {}, otherNotifications: [], lastSeq: 0 });

/** A recorded event's place: just after the last notification seen, before the next. */
const recordedPlace = (lastSeq: number) => lastSeq + 0.5;

const OPERATION_IN_URL = /\/calls\/([^/]+)\/operations\/([^/?#]+)/;

export function parseOperationUrl(url: string): { callId: string; operationId: string } | undefined {
  const match = OPERATION_IN_URL.exec(url);
  if (!match?.[1] || !match[2]) return undefined;
  return { callId: match[1], operationId: match[2] };
}

function typeName(odataType: unknown, fallback: string): string {
  if (typeof odataType !== 'string') return fallback;
  const name = odataType.replace('#microsoft.graph.', '');
  return name.endsWith('Operation') ? name.slice(0, -'Operation'.length) : name;
}

/**
 * How the operation ended, read the same for every API version: today's `resultInfo`,
 * or the 2018 beta's `errorInfo` (codes as strings, `subCode`), so a cancelled 2018
 * operation still reads 400/8508.
 */
function resultOf(operation: GraphOperation): ResultInfo | undefined {
  if (operation.resultInfo) return operation.resultInfo;
  const error = operation.errorInfo;
  const code = Number(error?.code);
  if (!error || error.code === null || error.code === undefined || !Number.isInteger(code)) return undefined;
  const subcode = Number(error.subCode);
  return {
    code,
    ...(error.subCode !== null && error.subCode !== undefined && Number.isInteger(subcode) ? { subcode } : {}),
    ...(error.message ? { message: error.message } : {}),
  };
}

function isCancelled(change: StatusChange): boolean {
  return change.status === 'failed' && change.resultInfo?.subcode === 8508;
}

/**
 * Where each lane sits, by operation id. Lanes never move once placed, so every
 * timeline folded from another shares and extends its index: a lookup stays
 * O(1) however long the timeline grows.
 */
const laneIndexes = new WeakMap<readonly OperationLane[], Map<string, number>>();

function laneIndexOf(lanes: readonly OperationLane[]): Map<string, number> {
  let index = laneIndexes.get(lanes);
  if (!index) {
    index = new Map(lanes.map((lane, position) => [lane.id, position]));
    laneIndexes.set(lanes, index);
  }
  return index;
}

/** Folds one event into a timeline, returning a new one (the old one is left as it was). */
export function foldTimeline(timeline: Timeline, event: TimelineEvent): Timeline {
  return foldEvents(timeline, [event]);
}

/** Folds events into a timeline: the lanes are copied once for all of them, so a relay batch of a thousand costs one copy. */
export function foldEvents(timeline: Timeline, events: readonly TimelineEvent[]): Timeline {
  // The requests are copied only when an event changes one: most events are notifications that do not,
  // and an unchanged `requests` lets the views skip what depends on it alone.
  const next: Timeline = { lanes: [...timeline.lanes], requests: timeline.requests, otherNotifications: timeline.otherNotifications, lastSeq: timeline.lastSeq };
  const index = laneIndexOf(timeline.lanes);
  laneIndexes.set(next.lanes, index);
  const ownsRequests = { value: false };
  const touched = new Set<number>();
  for (const event of events) applyEvent(next, index, event, ownsRequests, touched);
  // One step back only: the timeline folded from forgets its own origin, so no chain of old timelines is kept alive.
  foldedFrom.delete(timeline);
  foldedFrom.set(next, { previous: timeline, touched });
  return next;
}

/** A fold, as what is derived from timelines sees it: the timeline it started from, and the positions (in `lanes`) of the lanes it replaced or added. */
export interface FoldStep {
  previous: Timeline;
  timeline: Timeline;
  touched: ReadonlySet<number>;
}

/**
 * Which timeline each was folded from, and the positions of the lanes the fold replaced or added: what the
 * views derive from a timeline (its log order...) is worked out from the previous one's, for the lanes that changed.
 */
const foldedFrom = new WeakMap<Timeline, { previous: Timeline; touched: ReadonlySet<number> }>();

/**
 * A value derived from a timeline, kept per timeline. For a timeline folded from one whose value is known,
 * `update` works it out from that value and the fold's touched lanes (or gives up, returning undefined, and
 * `compute` starts over): a relay batch costs the lanes it changed, not the whole history.
 */
export function derivedPerTimeline<T>(compute: (timeline: Timeline) => T, update: (before: T, step: FoldStep) => T | undefined): (timeline: Timeline) => T {
  const values = new WeakMap<Timeline, { value: T }>();
  return (timeline) => {
    const known = values.get(timeline);
    if (known) return known.value;
    const origin = foldedFrom.get(timeline);
    const before = origin ? values.get(origin.previous) : undefined;
    const value = (origin && before ? update(before.value, { ...origin, timeline }) : undefined) ?? compute(timeline);
    values.set(timeline, { value });
    return value;
  };
}

/** Where a lane arrived in `timeline.lanes` (its place among them never changes): what breaks ties between equal places. */
export function arrivalOf(timeline: Timeline, lane: OperationLane): number {
  const position = laneIndexOf(timeline.lanes).get(lane.id);
  // The index is shared with timelines folded from the same one: an entry may belong to a sibling.
  return position !== undefined && timeline.lanes[position]?.id === lane.id ? position : timeline.lanes.findIndex((other) => other.id === lane.id);
}

/** The log's order as a comparison: by place, arrival breaking ties (negative when `a` comes first). */
export function compareInLog(timeline: Timeline): (a: OperationLane, b: OperationLane) => number {
  return (a, b) => a.place - b.place || arrivalOf(timeline, a) - arrivalOf(timeline, b);
}

/** The lane with this operation id, in O(1). */
export function findLane(timeline: Timeline, operationId: string): OperationLane | undefined {
  const position = laneIndexOf(timeline.lanes).get(operationId);
  const lane = position === undefined ? undefined : timeline.lanes[position];
  // The index is shared with timelines folded from the same one: an entry may belong to a sibling.
  return lane?.id === operationId ? lane : timeline.lanes.find((other) => other.id === operationId);
}

/** Applies one event to a timeline this module owns (a fresh copy, or the one buildTimeline is building). */
function applyEvent(next: Timeline, index: Map<string, number>, event: TimelineEvent, ownsRequests: { value: boolean }, touched?: Set<number>): void {
  const setRequest = (entry: RequestEntry) => {
    if (!ownsRequests.value) {
      next.requests = { ...next.requests };
      ownsRequests.value = true;
    }
    next.requests[entry.id] = entry;
  };
  const laneFor = (operationId: string, fallbackType: string, place: number): OperationLane => {
    let position = index.get(operationId);
    // The index is shared with timelines folded from the same one: an entry may belong to a sibling.
    if (position !== undefined && next.lanes[position]?.id !== operationId) {
      position = next.lanes.findIndex((lane) => lane.id === operationId);
      if (position < 0) position = undefined;
    }
    const existing = position !== undefined ? next.lanes[position] : undefined;
    const lane: OperationLane = existing ? { ...existing, changes: [...existing.changes] } : { id: operationId, type: fallbackType, changes: [], place };
    if (position !== undefined) next.lanes[position] = lane;
    else {
      position = next.lanes.length;
      index.set(operationId, position);
      next.lanes.push(lane);
    }
    touched?.add(position);
    return lane;
  };

  if (event.kind === 'request') {
    setRequest({
      id: event.id,
      at: event.at,
      callId: event.callId,
      profile: event.profile,
      method: event.method,
      path: event.path,
      body: event.body,
      action: event.path.split('/').pop() ?? event.path,
      place: recordedPlace(next.lastSeq),
      cancelledOperationIds: [],
    });
    return;
  }

  if (event.kind === 'response') {
    const request = next.requests[event.requestId];
    if (!request) return;
    setRequest({ ...request, response: { status: event.status, at: event.at, headers: event.headers, body: event.body } });
    const location = event.headers.location;
    const fromLocation = location ? parseOperationUrl(location) : undefined;
    const parsedBody = operationSchema.safeParse(event.body);
    const operationId = fromLocation?.operationId ?? (parsedBody.success ? parsedBody.data.id ?? undefined : undefined);
    if (!operationId) return;
    const lane = laneFor(operationId, request.action, request.place);
    lane.place = Math.min(lane.place, request.place);
    // The answer to the request that created the operation tells its first state, even when
    // a notification about it arrived first: its change goes before every notification's.
    lane.callId = request.callId;
    lane.startedByRequestId = request.id;
    if (parsedBody.success) {
      lane.type = typeName(parsedBody.data['@odata.type'], request.action);
      if (parsedBody.data.clientContext) lane.clientContext = parsedBody.data.clientContext;
      const result = resultOf(parsedBody.data);
      lane.changes.unshift({
        status: parsedBody.data.status,
        at: event.at,
        via: 'response',
        ...(result ? { resultInfo: result } : {}),
        ...(event.replayed ? { replayed: true } : {}),
        place: recordedPlace(next.lastSeq),
        raw: event.body,
      });
    } else {
      // A notice that came first may have named the lane only generically (a 2018 commsOperation): the request knows better.
      if (lane.type === 'operation' || lane.type === 'comms') lane.type = request.action;
      lane.changes.unshift({
        status: `accepted (${event.status})`,
        at: event.at,
        via: 'response',
        ...(event.replayed ? { replayed: true } : {}),
        place: recordedPlace(next.lastSeq),
        raw: event.body ?? null,
      });
    }
    return;
  }

  // A redelivered copy repeats a seq already counted; a replay's seqs are the scenario's and still give its order.
  if (!event.redelivered) next.lastSeq = Math.max(next.lastSeq, event.seq);
  const notices = readNotificationBody(event.body);
  if (!notices) {
    next.otherNotifications = [...next.otherNotifications, event];
    return;
  }
  for (const { changeType, target, operation, raw } of notices) {
    const lane = laneFor(target.operationId, typeName(operation['@odata.type'], 'operation'), event.seq);
    lane.callId = target.callId;
    if (lane.type === 'operation' || lane.type === 'comms') lane.type = typeName(operation['@odata.type'], lane.type);
    if (operation.clientContext) lane.clientContext = operation.clientContext;
    const change: StatusChange = {
      status: operation.status,
      at: event.receivedAt,
      via: 'notification',
      changeType,
      verified: event.verified,
      source: event.source,
      seq: event.seq,
      place: event.seq,
      raw,
    };
    const result = resultOf(operation);
    if (result) change.resultInfo = result;
    if (operation.completionReason) change.completionReason = operation.completionReason;
    if (event.replayed) change.replayed = true;
    if (event.redelivered) change.redelivered = true;
    lane.changes.push(change);
    if (isCancelled(change) && !lane.cancelledByRequestId) {
      const cancel = latestCancelOn(next, target.callId, event.seq);
      if (cancel) {
        lane.cancelledByRequestId = cancel.id;
        // First seen in the notice that ended it (queued before the console looked): it existed before the cancel.
        if (lane.place > cancel.place) lane.place = cancel.place - 0.25;
        setRequest({ ...cancel, cancelledOperationIds: [...cancel.cancelledOperationIds, lane.id] });
      }
    }
  }
  if (notices.length === 0) next.otherNotifications = [...next.otherNotifications, event];
}

/** One item of a notification body that names an operation: which one, what it says, and the item as received. */
export interface OperationNotice {
  changeType: string;
  target: { callId: string; operationId: string };
  operation: GraphOperation;
  raw: unknown;
}

/** A body's reading, by the body: undefined when it is not commsNotifications. */
const bodyReadings = new WeakMap<object, { notices: OperationNotice[] | undefined }>();

/**
 * The items of a notification body that name an operation, or undefined when the body is not
 * commsNotifications. Validated once per body: the same events are folded again whenever the
 * timeline is rebuilt (another session shown, earlier events put before the shown ones), and the
 * schemas are most of a fold's cost. A body is never changed once it has arrived.
 */
export function readNotificationBody(body: unknown): OperationNotice[] | undefined {
  const cacheable = typeof body === 'object' && body !== null;
  const cached = cacheable ? bodyReadings.get(body) : undefined;
  if (cached) return cached.notices;
  const notices = noticesIn(body);
  if (cacheable) bodyReadings.set(body, { notices });
  return notices;
}

function noticesIn(body: unknown): OperationNotice[] | undefined {
  const parsed = commsNotificationsSchema.safeParse(body);
  if (!parsed.success) return undefined;
  // The items as received: zod's parse puts known keys first, and the raw JSON shown must be what Graph sent.
  const received = (body as { value: unknown[] }).value;
  const notices: OperationNotice[] = [];
  for (const [position, item] of parsed.data.value.entries()) {
    const target = parseOperationUrl(item.resourceUrl ?? item.resource ?? '');
    const operation = operationSchema.safeParse(item.resourceData);
    if (target && operation.success) notices.push({ changeType: item.changeType, target, operation: operation.data, raw: received[position] });
  }
  return notices;
}

/**
 * The cancel that ended an operation: the last one sent on that call before the notice's seq, by the
 * log's order. Clocks are never compared: the browser's and the server's need not agree.
 */
function latestCancelOn(timeline: Timeline, callId: string, beforeSeq: number): RequestEntry | undefined {
  let latest: RequestEntry | undefined;
  for (const request of Object.values(timeline.requests)) {
    if (request.action !== 'cancelMediaProcessing' || request.callId.toLowerCase() !== callId.toLowerCase()) continue;
    if (request.place > beforeSeq) continue;
    // A cancel Graph refused (4xx, 429...) ended nothing.
    if (request.response && (request.response.status < 200 || request.response.status >= 300)) continue;
    if (!latest || request.place >= latest.place) latest = request;
  }
  return latest;
}

/** The lanes in the log's order (oldest first): a stable sort on `place`, arrival order breaking ties. */
export function lanesInLogOrder(lanes: readonly OperationLane[]): OperationLane[] {
  return [...lanes].sort((a, b) => a.place - b.place);
}

/**
 * A timeline's lanes in the log's order, the same as lanesInLogOrder(timeline.lanes), kept per timeline.
 * For a timeline folded from another whose order is known, only the lanes the fold touched are moved:
 * a relay batch costs its own lanes (a binary search each), not a sort of the whole history.
 */
export const logOrderOf: (timeline: Timeline) => readonly OperationLane[] = derivedPerTimeline(
  (timeline) => lanesInLogOrder(timeline.lanes),
  (before, { previous, timeline, touched }) => reorder(before, previous, timeline, touched),
);

/** The previous order with the touched lanes taken out (as they were) and put back (as they are), by (place, arrival). */
function reorder(before: readonly OperationLane[], previous: Timeline, timeline: Timeline, touched: ReadonlySet<number>): OperationLane[] {
  const order = [...before];
  const positions = [...touched].sort((a, b) => a - b);
  // Arrival order breaks ties between equal places: a lane's position in `lanes`, which never changes.
  const isBefore = (lane: OperationLane, place: number, position: number) => lane.place < place || (lane.place === place && arrivalOf(timeline, lane) < position);
  /** The first index in `order` whose lane does not come before (place, position). */
  const lowerBound = (place: number, position: number) => {
    let low = 0;
    let high = order.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (isBefore(order[middle] as OperationLane, place, position)) low = middle + 1;
      else high = middle;
    }
    return low;
  };
  for (const position of positions) {
    const old = previous.lanes[position];
    if (!old) continue;
    const at = lowerBound(old.place, position);
    if (order[at] === old) order.splice(at, 1);
    else return lanesInLogOrder(timeline.lanes);
  }
  for (const position of positions) {
    const lane = timeline.lanes[position];
    if (lane) order.splice(lowerBound(lane.place, position), 0, lane);
  }
  return order;
}

/** The timeline of a whole list of events, built in one pass (no copy per event). */
export function buildTimeline(events: readonly TimelineEvent[]): Timeline {
  const timeline = emptyTimeline();
  const index = laneIndexOf(timeline.lanes);
  const ownsRequests = { value: true };
  for (const event of events) applyEvent(timeline, index, event, ownsRequests);
  laneIndexes.set(timeline.lanes, index);
  return timeline;
}

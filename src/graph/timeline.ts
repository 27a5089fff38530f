/**
 * Folds what the console saw (requests it sent, answers it got, notifications
 * the relay delivered) into an operation timeline: one lane per operation,
 * each with its status changes. Pure, so the SPA, replays and tests share it.
 */
import type { ProfileId } from './profiles';
import { commsNotificationsSchema, operationSchema, type BotAnswer, type NotificationSource, type ResultInfo } from './schemas';

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
  response?: { status: number; at: string; headers: Record<string, string>; body: unknown };
  /** Operations this request ended (for a cancel). */
  cancelledOperationIds: string[];
}

export interface Timeline {
  lanes: OperationLane[];
  requests: Record<string, RequestEntry>;
  /** Notifications that named no operation (call updates, malformed bodies). */
  otherNotifications: Extract<TimelineEvent, { kind: 'notification' }>[];
}

export const emptyTimeline = (): Timeline => ({ lanes: [], requests: {}, otherNotifications: [] });

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
  const next: Timeline = { lanes: [...timeline.lanes], requests: { ...timeline.requests }, otherNotifications: timeline.otherNotifications };
  const index = laneIndexOf(timeline.lanes);
  laneIndexes.set(next.lanes, index);
  applyEvent(next, index, event);
  return next;
}

/** Applies one event to a timeline this module owns (a fresh copy, or the one buildTimeline is building). */
function applyEvent(next: Timeline, index: Map<string, number>, event: TimelineEvent): void {
  const laneFor = (operationId: string, fallbackType: string): OperationLane => {
    let position = index.get(operationId);
    // The index is shared with timelines folded from the same one: an entry may belong to a sibling.
    if (position !== undefined && next.lanes[position]?.id !== operationId) {
      position = next.lanes.findIndex((lane) => lane.id === operationId);
      if (position < 0) position = undefined;
    }
    const existing = position !== undefined ? next.lanes[position] : undefined;
    const lane: OperationLane = existing ? { ...existing, changes: [...existing.changes] } : { id: operationId, type: fallbackType, changes: [] };
    if (position !== undefined) next.lanes[position] = lane;
    else {
      index.set(operationId, next.lanes.length);
      next.lanes.push(lane);
    }
    return lane;
  };

  if (event.kind === 'request') {
    next.requests[event.id] = {
      id: event.id,
      at: event.at,
      callId: event.callId,
      profile: event.profile,
      method: event.method,
      path: event.path,
      body: event.body,
      action: event.path.split('/').pop() ?? event.path,
      cancelledOperationIds: [],
    };
    return;
  }

  if (event.kind === 'response') {
    const request = next.requests[event.requestId];
    if (!request) return;
    next.requests[event.requestId] = { ...request, response: { status: event.status, at: event.at, headers: event.headers, body: event.body } };
    const location = event.headers.location;
    const fromLocation = location ? parseOperationUrl(location) : undefined;
    const parsedBody = operationSchema.safeParse(event.body);
    const operationId = fromLocation?.operationId ?? (parsedBody.success ? parsedBody.data.id ?? undefined : undefined);
    if (!operationId) return;
    const lane = laneFor(operationId, request.action);
    // The answer to the request that created the operation tells its first state, even when
    // a notification about it arrived first: its change goes before every notification's.
    lane.callId = request.callId;
    lane.startedByRequestId = request.id;
    if (parsedBody.success) {
      lane.type = typeName(parsedBody.data['@odata.type'], request.action);
      if (parsedBody.data.clientContext) lane.clientContext = parsedBody.data.clientContext;
      lane.changes.unshift({
        status: parsedBody.data.status,
        at: event.at,
        via: 'response',
        ...(parsedBody.data.resultInfo ? { resultInfo: parsedBody.data.resultInfo } : {}),
        ...(event.replayed ? { replayed: true } : {}),
        raw: event.body,
      });
    } else {
      // A notice that came first may have named the lane only generically (a 2018 commsOperation): the request knows better.
      if (lane.type === 'operation' || lane.type === 'comms') lane.type = request.action;
      lane.changes.unshift({ status: `accepted (${event.status})`, at: event.at, via: 'response', ...(event.replayed ? { replayed: true } : {}), raw: event.body ?? null });
    }
    return;
  }

  const parsed = commsNotificationsSchema.safeParse(event.body);
  if (!parsed.success) {
    next.otherNotifications = [...next.otherNotifications, event];
    return;
  }
  let named = false;
  for (const item of parsed.data.value) {
    const url = item.resourceUrl ?? item.resource ?? '';
    const target = parseOperationUrl(url);
    const data = operationSchema.safeParse(item.resourceData);
    if (!target || !data.success) continue;
    named = true;
    const lane = laneFor(target.operationId, typeName(data.data['@odata.type'], 'operation'));
    lane.callId = target.callId;
    if (lane.type === 'operation' || lane.type === 'comms') lane.type = typeName(data.data['@odata.type'], lane.type);
    if (data.data.clientContext) lane.clientContext = data.data.clientContext;
    const change: StatusChange = {
      status: data.data.status,
      at: event.receivedAt,
      via: 'notification',
      changeType: item.changeType,
      verified: event.verified,
      source: event.source,
      seq: event.seq,
      raw: item,
    };
    if (data.data.resultInfo) change.resultInfo = data.data.resultInfo;
    if (data.data.completionReason) change.completionReason = data.data.completionReason;
    if (event.replayed) change.replayed = true;
    if (event.redelivered) change.redelivered = true;
    lane.changes.push(change);
    if (isCancelled(change) && !lane.cancelledByRequestId) {
      const cancel = latestCancelOn(next, target.callId, event.receivedAt);
      if (cancel) {
        lane.cancelledByRequestId = cancel.id;
        next.requests[cancel.id] = { ...cancel, cancelledOperationIds: [...cancel.cancelledOperationIds, lane.id] };
      }
    }
  }
  if (!named) next.otherNotifications = [...next.otherNotifications, event];
}

/** The cancel most likely to have ended an operation: the last one sent on that call before the notice arrived. */
function latestCancelOn(timeline: Timeline, callId: string, before: string): RequestEntry | undefined {
  let latest: RequestEntry | undefined;
  for (const request of Object.values(timeline.requests)) {
    if (request.action !== 'cancelMediaProcessing' || request.callId.toLowerCase() !== callId.toLowerCase()) continue;
    if (request.at > before) continue;
    // A cancel Graph refused (4xx, 429...) ended nothing.
    if (request.response && (request.response.status < 200 || request.response.status >= 300)) continue;
    if (!latest || request.at >= latest.at) latest = request;
  }
  return latest;
}

/** The timeline of a whole list of events, built in one pass (no copy per event). */
export function buildTimeline(events: readonly TimelineEvent[]): Timeline {
  const timeline = emptyTimeline();
  const index = laneIndexOf(timeline.lanes);
  for (const event of events) applyEvent(timeline, index, event);
  laneIndexes.set(timeline.lanes, index);
  return timeline;
}

/**
 * What a generated spec must do and check for a scenario, as plain data: the
 * user's actions (choose the call, set the form, Send; or a media button), the
 * answer each gets, the states the console must reach between them, and the
 * timeline it must end with. spec-generator.ts writes it out as Playwright code.
 *
 * Operations are named by number (operation 1, 2…, oldest first), never by the
 * scenario's ids: the console makes its own ids, and the spec learns each one
 * from the answer that made it, so "operation 3" means the same operation in
 * the scenario and in the console (a consistent re-keying). An operation no
 * action made (the console's own seeded media) is found by its clientContext.
 */
import { statusLine } from '../graph/errors';
import { isMediaAction, mediaClientContext, mediaPath, type MediaAction } from '../graph/media';
import { PROFILES } from '../graph/profiles';
import { graphErrorSchema } from '../graph/schemas';
import { buildTimeline, type OperationLane, type Timeline, type TimelineEvent } from '../graph/timeline';
import { replayEvents } from './replay';
import type { RequestStep, Scenario } from './schema';

export class SpecGenerationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SpecGenerationError';
  }
}

/** The mock media buttons, by the action they send. */
export const MEDIA_BUTTONS: Record<MediaAction, string> = {
  playPrompt: 'Play prompt',
  recordResponse: 'Record response',
  subscribeToTone: 'Subscribe to tones',
};

/** The answer an action must get, as the console shows it. */
export type PlannedAnswer =
  /** Accepted: the status, and the operation it made (learnt from Location when the answer had one, else from the body). */
  | { kind: 'accepted'; status: number; statusLine: string; operation?: number; fromLocation: boolean }
  /** Refused: the status and Graph's error code. */
  | { kind: 'refused'; status: number; statusLine: string; code?: string }
  /** The scenario holds no answer (the request never got one). */
  | { kind: 'none' };

/** A state the console must reach: an operation's lane shows this status. */
export interface LaneState {
  operation: number;
  status: string;
}

interface ActionBase {
  /** 1-based, as a person counts the scenario's steps. */
  step: number;
  t: number;
  callLabel: string;
  /** What the scenario had seen before this action: the spec waits for the console to get there before acting. */
  before: LaneState[];
  /** How long the scenario took to get there from the previous action, in ms. */
  beforeWithin: number;
  answer: PlannedAnswer;
}

export type PlannedAction =
  | (ActionBase & {
      kind: 'cancel';
      profileLabel: string;
      /** Only the 2018 form has the `all` checkbox enabled. */
      all?: boolean;
      pathForm?: 'app' | 'applications';
      clientContext: string;
      /** What the cancel must end (operation numbers), and what it must leave alone of what was running or queued. */
      ends?: { ended: number[]; endedWithoutId: number; leftRunning: number[]; within: number };
    })
  | (ActionBase & { kind: 'media'; action: MediaAction; button: string; clientContext: string });

/** How the spec finds an operation's lane: by the id it learnt, by a clientContext only it has, or not at all. */
export type LaneFinder = { by: 'id' } | { by: 'clientContext'; clientContext: string } | { by: 'none' };

export interface PlannedOperation {
  /** operation 1, 2…: the timeline's order, oldest first. */
  number: number;
  type: string;
  /** As the console will show it (the media buttons number their own). */
  clientContext?: string;
  find: LaneFinder;
  status: string;
  resultInfo?: { code: number; subcode?: number; message?: string };
  completionReason?: string;
  /** The cancel that ended it (its operation number when it has one), and whether its lane links to that cancel. */
  cancelledBy?: { operation?: number; linked: boolean };
  /** For a cancel: what it ended (operation numbers). */
  ended: number[];
}

export interface SpecPlan {
  name: string;
  callLabels: string[];
  actions: PlannedAction[];
  operations: PlannedOperation[];
  /** Requests Graph refused, as the timeline's "Rejected requests" shows them. */
  rejected: { statusLine: string; code?: string }[];
  /** The scenario's length in ms. */
  duration: number;
  /** How long after the last action the last step came: what the spec must wait for at the end. */
  settle: number;
  /** What the spec cannot check, in words for the person who generates it. */
  warnings: string[];
}

const TERMINAL = new Set(['completed', 'failed']);

export function planSpec(scenario: Scenario): SpecPlan {
  const events = replayEvents(scenario);
  const timeline = buildTimeline(events);
  const baseTime = Date.parse(scenario.recordedAt);
  const numberOf = new Map(timeline.lanes.map((lane, index) => [lane.id, index + 1]));
  // The media buttons name what they queue (prompt-1, prompt-2…): the scenario may have called it otherwise.
  const renamed = new Map<string, string>();
  const shownContext = (lane: OperationLane) => (lane.clientContext === undefined ? undefined : (renamed.get(lane.clientContext) ?? lane.clientContext));

  const { actions, callLabels } = planActions(scenario, timeline, renamed, numberOf);
  const startedByAction = new Set(actions.flatMap((action) => (action.answer.kind === 'accepted' && action.answer.operation !== undefined ? [action.answer.operation] : [])));
  const contextCounts = new Map<string, number>();
  for (const lane of timeline.lanes) {
    const context = shownContext(lane);
    if (context) contextCounts.set(context, (contextCounts.get(context) ?? 0) + 1);
  }
  const finderOf = (lane: OperationLane): LaneFinder => {
    if (startedByAction.has(numberOf.get(lane.id) ?? 0)) return { by: 'id' };
    const context = shownContext(lane);
    return context && contextCounts.get(context) === 1 ? { by: 'clientContext', clientContext: context } : { by: 'none' };
  };
  const operations = timeline.lanes.map((lane) => planOperation(lane, timeline, numberOf, shownContext, finderOf(lane)));
  const findable = (number: number) => operations[number - 1]?.find.by !== 'none';
  const knownById = (number: number) => operations[number - 1]?.find.by === 'id';

  addWaits(scenario, events, actions, numberOf, findable);
  for (const action of actions) {
    if (action.kind !== 'cancel' || action.answer.kind !== 'accepted' || action.answer.operation === undefined) continue;
    action.ends = planEnds(action, timeline, events, numberOf, { findable, knownById }, baseTime);
  }

  const warnings = operations
    .filter((operation) => operation.find.by === 'none')
    .map((operation) => `Operation ${operation.number} (${operation.type}) was made by no step of the scenario and has no clientContext of its own: the spec counts it but cannot check how it ends.`);
  const rejected = Object.values(timeline.requests)
    .filter((request) => request.response && request.response.status >= 400)
    .map((request) => {
      const error = graphErrorSchema.safeParse(request.response?.body);
      return { statusLine: statusLine(request.response?.status ?? 0), ...(error.success ? { code: error.data.error.code } : {}) };
    });

  const duration = scenario.steps.at(-1)?.t ?? 0;
  const lastAction = actions.at(-1)?.t ?? 0;
  return { name: scenario.name, callLabels, actions, operations, rejected, duration, settle: duration - lastAction, warnings };
}

/** What the user does for each request step, and the answer the console must show for it. */
function planActions(scenario: Scenario, timeline: Timeline, renamed: Map<string, string>, numberOf: Map<string, number>): { actions: PlannedAction[]; callLabels: string[] } {
  const counts: Record<MediaAction, number> = { playPrompt: 0, recordResponse: 0, subscribeToTone: 0 };
  const callLabels: string[] = [];
  const labelOf = (step: RequestStep, index: number): string => {
    const call = scenario.calls.find((candidate) => candidate.id.toLowerCase() === step.callId.toLowerCase());
    if (!call) throw new SpecGenerationError(`steps[${index}]: call ${step.callId} is not among the scenario's calls.`);
    if (!call.label) {
      throw new SpecGenerationError(`steps[${index}]: call ${step.callId} has no label. A generated spec picks calls by their label, as the seeded demo calls have.`);
    }
    if (!callLabels.includes(call.label)) callLabels.push(call.label);
    return call.label;
  };
  const answerOf = (step: RequestStep): PlannedAnswer => {
    const answer = timeline.requests[step.id]?.response;
    if (!answer) return { kind: 'none' };
    if (answer.status >= 400) {
      const error = graphErrorSchema.safeParse(answer.body);
      return { kind: 'refused', status: answer.status, statusLine: statusLine(answer.status), ...(error.success ? { code: error.data.error.code } : {}) };
    }
    const made = timeline.lanes.find((lane) => lane.startedByRequestId === step.id);
    const operation = made ? numberOf.get(made.id) : undefined;
    return { kind: 'accepted', status: answer.status, statusLine: statusLine(answer.status), ...(operation !== undefined ? { operation } : {}), fromLocation: Boolean(answer.headers.location) };
  };

  const actions: PlannedAction[] = [];
  scenario.steps.forEach((step, index) => {
    if (step.kind !== 'request') return;
    const base = { step: index + 1, t: step.t, callLabel: labelOf(step, index), before: [], beforeWithin: 0, answer: answerOf(step) };
    const action = step.path.split('/').pop() ?? '';
    const body = (typeof step.body === 'object' && step.body !== null ? step.body : {}) as Record<string, unknown>;
    const clientContext = typeof body.clientContext === 'string' ? body.clientContext : '';

    if (action === 'cancelMediaProcessing') {
      const profile = PROFILES[step.profile];
      const legacy = profile.supportsAll ? { all: body.all !== false, pathForm: step.path.includes('/applications/') ? ('applications' as const) : ('app' as const) } : {};
      actions.push({ ...base, kind: 'cancel', profileLabel: profile.label, clientContext, ...legacy });
      return;
    }
    if (isMediaAction(action)) {
      if (step.method !== 'POST' || step.path !== mediaPath(step.callId, action)) {
        throw new SpecGenerationError(`steps[${index}]: ${step.method} ${step.path} is not what the console's "${MEDIA_BUTTONS[action]}" button sends (POST ${mediaPath('{call}', action)}).`);
      }
      counts[action] += 1;
      const shown = mediaClientContext(action, counts[action]);
      if (clientContext) renamed.set(clientContext, shown);
      actions.push({ ...base, kind: 'media', action, button: MEDIA_BUTTONS[action], clientContext: shown });
      return;
    }
    throw new SpecGenerationError(`steps[${index}]: the console has no control that sends ${step.method} …/${action}; only cancelMediaProcessing and the mock media buttons can be replayed as a user.`);
  });
  if (actions.length === 0) throw new SpecGenerationError('The scenario has no requests: there is nothing for a spec to do.');
  return { actions, callLabels };
}

/** Each lane's status after the first `count` events. */
function statusesAfter(events: readonly TimelineEvent[], count: number): Map<string, string> {
  return new Map(buildTimeline(events.slice(0, count)).lanes.map((lane) => [lane.id, lane.changes.at(-1)?.status ?? 'unknown']));
}

/**
 * Before each action after the first: the statuses that changed since the previous action's answer,
 * so the spec acts when the console is where the scenario was, not after the recorded pause.
 */
function addWaits(scenario: Scenario, events: readonly TimelineEvent[], actions: PlannedAction[], numberOf: Map<string, number>, findable: (number: number) => boolean): void {
  const requestIndexes = scenario.steps.flatMap((step, index) => (step.kind === 'request' ? [index] : []));
  const answerIndex = (requestIndex: number): number => {
    const request = scenario.steps[requestIndex];
    const answer = scenario.steps.findIndex((step, index) => index > requestIndex && step.kind === 'response' && request?.kind === 'request' && step.requestId === request.id);
    return answer < 0 ? requestIndex : answer;
  };
  actions.forEach((action, position) => {
    if (position === 0) return;
    const previous = actions[position - 1];
    const previousRequest = requestIndexes[position - 1] ?? 0;
    const thisRequest = requestIndexes[position] ?? 0;
    const answered = statusesAfter(events, Math.min(thisRequest, answerIndex(previousRequest) + 1));
    const now = statusesAfter(events, thisRequest);
    for (const [id, status] of now) {
      const number = numberOf.get(id);
      if (number === undefined || answered.get(id) === status || !findable(number)) continue;
      action.before.push({ operation: number, status });
    }
    action.beforeWithin = action.t - (previous?.t ?? 0);
  });
}

/** What a cancel ended, what it left running or queued, and how long the scenario took to say so. */
function planEnds(
  action: Extract<PlannedAction, { kind: 'cancel' }>,
  timeline: Timeline,
  events: readonly TimelineEvent[],
  numberOf: Map<string, number>,
  { findable, knownById }: { findable: (number: number) => boolean; knownById: (number: number) => boolean },
  baseTime: number,
): NonNullable<Extract<PlannedAction, { kind: 'cancel' }>['ends']> {
  const cancelLane = timeline.lanes[(action.answer.kind === 'accepted' ? (action.answer.operation ?? 0) : 0) - 1];
  const request = cancelLane?.startedByRequestId ? timeline.requests[cancelLane.startedByRequestId] : undefined;
  const endedIds = request?.cancelledOperationIds ?? [];
  const endedNumbers = endedIds.map((id) => numberOf.get(id) ?? 0).filter((number) => number > 0);
  // The spec checks the cancel's links by id: what it has no id for is counted (and checked from its own lane).
  const ended = endedNumbers.filter(knownById).sort((a, b) => a - b);
  // Running or queued on the same call when the cancel was sent, and not ended by it.
  const requestIndex = events.findIndex((event) => event.kind === 'request' && event.id === request?.id);
  const before = statusesAfter(events, Math.max(0, requestIndex));
  const leftRunning = timeline.lanes
    .filter((lane) => lane.callId?.toLowerCase() === request?.callId.toLowerCase() && !endedIds.includes(lane.id) && lane.id !== cancelLane?.id)
    .filter((lane) => {
      const status = before.get(lane.id);
      return status !== undefined && !TERMINAL.has(status) && !status.startsWith('accepted');
    })
    .map((lane) => numberOf.get(lane.id) ?? 0)
    .filter(findable);
  const endedAt = timeline.lanes
    .filter((lane) => endedIds.includes(lane.id))
    .flatMap((lane) => lane.changes.filter((change) => change.resultInfo?.subcode === 8508).map((change) => Date.parse(change.at) - baseTime));
  const within = Math.max(0, ...endedAt.map((t) => t - action.t).filter(Number.isFinite));
  return { ended, endedWithoutId: endedIds.length - ended.length, leftRunning, within };
}

/** How one operation must end: its last change, which cancel ended it, and what it ended if it is a cancel. */
function planOperation(
  lane: OperationLane,
  timeline: Timeline,
  numberOf: Map<string, number>,
  shownContext: (lane: OperationLane) => string | undefined,
  find: LaneFinder,
): PlannedOperation {
  const last = lane.changes.at(-1);
  const context = shownContext(lane);
  const started = lane.startedByRequestId ? timeline.requests[lane.startedByRequestId] : undefined;
  const endedIds = started?.action === 'cancelMediaProcessing' ? started.cancelledOperationIds : [];
  const cancel = lane.cancelledByRequestId ? timeline.requests[lane.cancelledByRequestId] : undefined;
  const cancelLane = cancel ? timeline.lanes.find((candidate) => candidate.startedByRequestId === cancel.id) : undefined;
  const result = last?.resultInfo;
  const ended = endedIds.map((id) => numberOf.get(id) ?? 0).filter((number) => number > 0);
  return {
    number: numberOf.get(lane.id) ?? 0,
    type: lane.type,
    ...(context !== undefined && context !== '' ? { clientContext: context } : {}),
    find,
    status: last?.status ?? 'unknown',
    ...(result ? { resultInfo: { code: result.code, ...(result.subcode !== undefined ? { subcode: result.subcode } : {}), ...(result.message ? { message: result.message } : {}) } } : {}),
    ...(last?.completionReason ? { completionReason: last.completionReason } : {}),
    ...(cancel
      ? { cancelledBy: { ...(cancelLane ? { operation: numberOf.get(cancelLane.id) ?? 0 } : {}), linked: Boolean(cancel.response?.headers.location) } }
      : {}),
    ended,
  };
}

/**
 * What a generated spec must do and check for a scenario, as plain data:
 * the user's actions (choose the call, set the form, Send; or a media
 * button), and the timeline the console must end with. spec-generator.ts
 * writes it out as Playwright code.
 */
import { statusLine } from '../graph/errors';
import { isMediaAction, mediaClientContext, mediaPath, type MediaAction } from '../graph/media';
import { PROFILES } from '../graph/profiles';
import { graphErrorSchema } from '../graph/schemas';
import { buildTimeline, type OperationLane, type Timeline } from '../graph/timeline';
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

/** How the spec knows an action's answer has arrived before it goes on. */
export type AnswerWait =
  | { lane: string; count: number }
  | { response: string }
  | { alert: string }
  | { none: true };

interface ActionBase {
  /** 1-based, as a person counts the scenario's steps. */
  step: number;
  t: number;
  callLabel: string;
  waitFor: AnswerWait;
}

export type PlannedAction =
  | (ActionBase & {
      kind: 'cancel';
      profileLabel: string;
      /** Only the 2018 form has the `all` checkbox enabled. */
      all?: boolean;
      pathForm?: 'app' | 'applications';
      clientContext: string;
    })
  | (ActionBase & { kind: 'media'; action: MediaAction; button: string; clientContext: string });

export interface PlannedLane {
  type: string;
  /** As the console will show it (the media buttons number their own). */
  clientContext?: string;
  /** Which of the lanes with this clientContext, in the order the timeline shows them (newest first). */
  nth: number;
  status: string;
  resultInfo?: { code: number; subcode?: number; message?: string };
  completionReason?: string;
  cancelled: boolean;
  /** clientContexts of the lanes this one (a cancel) ended. */
  ended: string[];
  /** Lanes it ended that have no clientContext to find them by. */
  endedUnnamed: number;
}

export interface SpecPlan {
  name: string;
  callLabels: string[];
  actions: PlannedAction[];
  lanes: PlannedLane[];
  /** Requests Graph refused, as the timeline's "Rejected requests" shows them. */
  rejected: { statusLine: string; code?: string }[];
  /** The scenario's length in ms. */
  duration: number;
  /** How long after the last action the last step came: what the spec must wait for at the end. */
  settle: number;
}

export function planSpec(scenario: Scenario): SpecPlan {
  const timeline = buildTimeline(replayEvents(scenario));
  // The media buttons name what they queue (prompt-1, prompt-2…): the scenario may have called it otherwise.
  const renamed = new Map<string, string>();
  const shownContext = (lane: OperationLane) => (lane.clientContext === undefined ? undefined : (renamed.get(lane.clientContext) ?? lane.clientContext));

  const { actions, callLabels } = planActions(scenario, timeline, renamed, shownContext);
  const newestFirst = [...timeline.lanes].reverse();
  const lanes = timeline.lanes.map((lane) => planLane(lane, timeline, shownContext, newestFirst));
  const rejected = Object.values(timeline.requests)
    .filter((request) => request.response && request.response.status >= 400)
    .map((request) => {
      const error = graphErrorSchema.safeParse(request.response?.body);
      return { statusLine: statusLine(request.response?.status ?? 0), ...(error.success ? { code: error.data.error.code } : {}) };
    });

  const duration = scenario.steps.at(-1)?.t ?? 0;
  const lastAction = actions.at(-1)?.t ?? 0;
  return { name: scenario.name, callLabels, actions, lanes, rejected, duration, settle: duration - lastAction };
}

type ShownContext = (lane: OperationLane) => string | undefined;

/** What the user does for each request step, and how the spec knows its answer came. */
function planActions(scenario: Scenario, timeline: Timeline, renamed: Map<string, string>, shownContext: ShownContext): { actions: PlannedAction[]; callLabels: string[] } {
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
  const lanesSeen = new Map<string, number>();
  const waitFor = (step: RequestStep, kind: 'cancel' | 'media'): AnswerWait => {
    const answer = timeline.requests[step.id]?.response;
    if (!answer) return { none: true };
    const started = timeline.lanes.find((lane) => lane.startedByRequestId === step.id);
    const context = started ? shownContext(started) : undefined;
    if (answer.status < 400 && context) {
      const count = (lanesSeen.get(context) ?? 0) + 1;
      lanesSeen.set(context, count);
      return { lane: context, count };
    }
    return kind === 'media' && answer.status >= 400 ? { alert: 'Could not queue media' } : { response: statusLine(answer.status) };
  };

  const actions: PlannedAction[] = [];
  scenario.steps.forEach((step, index) => {
    if (step.kind !== 'request') return;
    const base = { step: index + 1, t: step.t, callLabel: labelOf(step, index) };
    const action = step.path.split('/').pop() ?? '';
    const body = (typeof step.body === 'object' && step.body !== null ? step.body : {}) as Record<string, unknown>;
    const clientContext = typeof body.clientContext === 'string' ? body.clientContext : '';

    if (action === 'cancelMediaProcessing') {
      const profile = PROFILES[step.profile];
      const legacy = profile.supportsAll ? { all: body.all !== false, pathForm: step.path.includes('/applications/') ? ('applications' as const) : ('app' as const) } : {};
      actions.push({ ...base, waitFor: waitFor(step, 'cancel'), kind: 'cancel', profileLabel: profile.label, clientContext, ...legacy });
      return;
    }
    if (isMediaAction(action)) {
      if (step.method !== 'POST' || step.path !== mediaPath(step.callId, action)) {
        throw new SpecGenerationError(`steps[${index}]: ${step.method} ${step.path} is not what the console's "${MEDIA_BUTTONS[action]}" button sends (POST ${mediaPath('{call}', action)}).`);
      }
      counts[action] += 1;
      const shown = mediaClientContext(action, counts[action]);
      if (clientContext) renamed.set(clientContext, shown);
      actions.push({ ...base, waitFor: waitFor(step, 'media'), kind: 'media', action, button: MEDIA_BUTTONS[action], clientContext: shown });
      return;
    }
    throw new SpecGenerationError(`steps[${index}]: the console has no control that sends ${step.method} …/${action}; only cancelMediaProcessing and the mock media buttons can be replayed as a user.`);
  });
  if (actions.length === 0) throw new SpecGenerationError('The scenario has no requests: there is nothing for a spec to do.');
  return { actions, callLabels };
}

/** How one lane must end: its last change, whether a cancel ended it, and what it ended if it is a cancel. */
function planLane(lane: OperationLane, timeline: Timeline, shownContext: ShownContext, newestFirst: readonly OperationLane[]): PlannedLane {
  const last = lane.changes.at(-1);
  const context = shownContext(lane);
  const started = lane.startedByRequestId ? timeline.requests[lane.startedByRequestId] : undefined;
  const endedIds = started?.action === 'cancelMediaProcessing' ? started.cancelledOperationIds : [];
  const ended = endedIds
    .map((id) => timeline.lanes.find((candidate) => candidate.id === id))
    .map((endedLane) => (endedLane ? shownContext(endedLane) : undefined))
    .filter((text): text is string => text !== undefined);
  const result = last?.resultInfo;
  return {
    type: lane.type,
    ...(context !== undefined ? { clientContext: context } : {}),
    nth: newestFirst.filter((other) => shownContext(other) === context).indexOf(lane),
    status: last?.status ?? 'unknown',
    ...(result ? { resultInfo: { code: result.code, ...(result.subcode !== undefined ? { subcode: result.subcode } : {}), ...(result.message ? { message: result.message } : {}) } } : {}),
    ...(last?.completionReason ? { completionReason: last.completionReason } : {}),
    cancelled: lane.cancelledByRequestId !== undefined,
    ended,
    endedUnnamed: endedIds.length - ended.length,
  };
}

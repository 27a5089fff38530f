/** A session's timeline as a scenario file: relative timing, secrets stripped, ids optionally re-keyed. */
import type { KnownCall } from '../graph/console';
import { parseOperationUrl, type TimelineEvent } from '../graph/timeline';
import { redact } from './redact';
import { createRekeyer } from './rekey';
import { SCENARIO_FORMAT, SCENARIO_VERSION, type Scenario, type ScenarioCall, type ScenarioStep } from './schema';

export interface ExportOptions {
  name: string;
  description?: string;
  mode: 'mock' | 'live';
  /** The calls the console knows; those the steps touch go into the file. */
  calls: readonly KnownCall[];
  /** Defaults to now. */
  recordedAt?: string;
  /** Replace every GUID by a new one, consistently; the seed makes it repeatable. */
  rekey?: { seed: number };
}

export function exportScenario(events: readonly TimelineEvent[], options: ExportOptions): Scenario {
  const steps = relativeSteps(events);
  const scenario: Scenario = {
    format: SCENARIO_FORMAT,
    version: SCENARIO_VERSION,
    name: options.name,
    description: options.description ?? '',
    recordedAt: options.recordedAt ?? new Date().toISOString(),
    mode: options.mode,
    calls: callsTouched(steps, options.calls),
    steps: redact(steps),
  };
  if (!options.rekey) return scenario;
  const rekeyer = createRekeyer(options.rekey.seed);
  return { ...scenario, calls: rekeyer.apply(scenario.calls), steps: rekeyer.apply(scenario.steps) };
}

function eventTime(event: TimelineEvent): number {
  return Date.parse(event.kind === 'notification' ? event.receivedAt : event.at);
}

/**
 * Offsets from the first event, never going backwards: an answer can be stamped
 * a moment after the notification its request caused, and replay keeps the
 * order the console saw them in.
 */
function relativeSteps(events: readonly TimelineEvent[]): ScenarioStep[] {
  const first = events.map(eventTime).find((time) => Number.isFinite(time)) ?? 0;
  let previous = 0;
  return events.map((event) => {
    const time = eventTime(event);
    const t = Math.max(previous, Number.isFinite(time) ? Math.round(time - first) : previous);
    previous = t;
    return toStep(event, t);
  });
}

/** Bodies as the console received them: the schema's bounds are checked when a file is read back, not assumed here. */
type Body<Kind extends ScenarioStep['kind']> = Extract<ScenarioStep, { kind: Kind }>['body'];

function toStep(event: TimelineEvent, t: number): ScenarioStep {
  switch (event.kind) {
    case 'request':
      return { t, kind: 'request', id: event.id, callId: event.callId, profile: event.profile, method: event.method, path: event.path, body: event.body ?? null };
    case 'response':
      return { t, kind: 'response', requestId: event.requestId, status: event.status, headers: { ...event.headers }, body: (event.body ?? null) as Body<'response'> };
    case 'notification':
      return { t, kind: 'notification', seq: event.seq, source: event.source, verified: event.verified, body: (event.body ?? null) as Body<'notification'> };
  }
}

/** The calls the steps name, in the order first named; a call the console never listed is kept by its id alone. */
function callsTouched(steps: readonly ScenarioStep[], known: readonly KnownCall[]): ScenarioCall[] {
  const ids: string[] = [];
  const note = (id: string | undefined) => {
    if (id && !ids.some((seen) => seen.toLowerCase() === id.toLowerCase())) ids.push(id);
  };
  for (const step of steps) {
    if (step.kind === 'request') note(step.callId);
    if (step.kind === 'notification') for (const url of resourceUrls(step.body)) note(parseOperationUrl(url)?.callId);
  }
  return ids.map((id) => {
    const call = known.find((candidate) => candidate.id.toLowerCase() === id.toLowerCase());
    if (!call) return { id, state: 'unknown', participants: [] };
    return { id: call.id, ...(call.label ? { label: call.label } : {}), state: call.state, participants: call.participants.map((p) => ({ ...p })) };
  });
}

function resourceUrls(body: unknown): string[] {
  if (typeof body !== 'object' || body === null || !Array.isArray((body as { value?: unknown }).value)) return [];
  return ((body as { value: unknown[] }).value).flatMap((item) => {
    if (typeof item !== 'object' || item === null) return [];
    const { resourceUrl, resource } = item as { resourceUrl?: unknown; resource?: unknown };
    return [resourceUrl, resource].filter((url): url is string => typeof url === 'string');
  });
}

/** A file name from the scenario's name: `ivr-prompt-queue.scenario.json`. */
export function scenarioFileName(name: string, extension = '.scenario.json'): string {
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return `${slug || 'scenario'}${extension}`;
}

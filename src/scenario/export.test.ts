import { describe, expect, it } from 'vitest';
import { isGuid } from '../graph/ids';
import { buildTimeline, type TimelineEvent } from '../graph/timeline';
import { exportScenario, scenarioFileName } from './export';
import { validateScenario } from './import';
import { replayEvents } from './replay';
import { at, builtin, eventsWithSecrets } from './test-support';

const GUIDS = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

describe('exportScenario', () => {
  it('writes a valid, versioned file with offsets from the first event', () => {
    const scenario = exportScenario(eventsWithSecrets(), { name: 'n', mode: 'live', calls: [], recordedAt: '2026-01-15T10:00:00.000Z' });
    expect(validateScenario(JSON.parse(JSON.stringify(scenario)))).toEqual(scenario);
    expect(scenario).toMatchObject({ format: 'comms-console-scenario', version: 1, name: 'n', mode: 'live', recordedAt: '2026-01-15T10:00:00.000Z' });
    expect(scenario.steps.map((step) => step.t)).toEqual([0, 250, 1000]);
    expect(scenario.steps.map((step) => step.kind)).toEqual(['request', 'response', 'notification']);
  });

  it('never lets time run backwards, keeping the order the console saw', () => {
    const [request, response, notification] = eventsWithSecrets() as [TimelineEvent, TimelineEvent, TimelineEvent];
    const early = { ...notification, receivedAt: '2026-01-15T08:59:59.000Z' } as TimelineEvent;
    const scenario = exportScenario([request, response, early], { name: 'n', mode: 'live', calls: [] });
    expect(scenario.steps.map((step) => step.t)).toEqual([0, 250, 250]);
  });

  it('keeps the calls the steps touch, by label, and a call it never listed by its id', () => {
    const source = builtin('ivr-queue-cancelled');
    const known = [{ ...at(source.calls, 0), queuedMedia: 0 }, { id: 'aaaaaaaa-0000-4000-8000-000000000000', label: 'Other', state: 'established', participants: [], queuedMedia: 0 }];
    const again = exportScenario(replayEvents(source), { name: source.name, mode: 'mock', calls: known });
    expect(again.calls).toEqual(source.calls);
    const unknown = exportScenario(replayEvents(source), { name: source.name, mode: 'mock', calls: [] });
    expect(unknown.calls).toEqual([{ id: at(source.calls, 0).id, state: 'unknown', participants: [] }]);
  });

  it('round-trips: a replayed scenario exports to the same steps', () => {
    const source = builtin('legacy-current-prompt-only');
    const again = exportScenario(replayEvents(source), { name: source.name, description: source.description, mode: 'mock', calls: source.calls.map((c) => ({ ...c, queuedMedia: 0 })), recordedAt: source.recordedAt });
    // The built-in notes are written for the Presentation view; a replay carries the events, not the notes.
    expect(again).toEqual({ ...source, steps: source.steps.map(({ note: _note, ...step }) => step) });
  });

  it('names files after the scenario', () => {
    expect(scenarioFileName('IVR prompt queue (v1.0)!')).toBe('ivr-prompt-queue-v1-0.scenario.json');
    expect(scenarioFileName('???', '.spec.ts')).toBe('scenario.spec.ts');
  });
});

describe('exportScenario re-keying', () => {
  const source = builtin('ivr-queue-cancelled');
  const calls = source.calls.map((call) => ({ ...call, queuedMedia: 0 }));
  const plain = exportScenario(replayEvents(source), { name: 'x', mode: 'mock', calls, recordedAt: source.recordedAt });
  const rekeyed = exportScenario(replayEvents(source), { name: 'x', mode: 'mock', calls, recordedAt: source.recordedAt, rekey: { seed: 99 } });

  it('leaves no original GUID anywhere', () => {
    const before = new Set(JSON.stringify(plain).match(GUIDS));
    const after = JSON.stringify(rekeyed);
    expect(before.size).toBeGreaterThan(10);
    for (const guid of before) expect(after).not.toContain(guid);
  });

  it('maps each GUID to one new GUID, the same everywhere it appears', () => {
    const before = JSON.stringify(plain).match(GUIDS) ?? [];
    const after = JSON.stringify(rekeyed).match(GUIDS) ?? [];
    expect(after).toHaveLength(before.length);
    const mapping = new Map<string, string>();
    before.forEach((guid, index) => {
      const mapped = at(after, index);
      expect(isGuid(mapped)).toBe(true);
      expect(mapping.get(guid) ?? mapped).toBe(mapped);
      mapping.set(guid, mapped);
    });
    expect(new Set(mapping.values()).size).toBe(mapping.size);
  });

  it('keeps calls, operations, Location headers and resource URLs consistent: the timeline is the same shape', () => {
    const shape = (scenario: typeof plain) => {
      const timeline = buildTimeline(replayEvents(scenario));
      const index = new Map(timeline.lanes.map((lane, position) => [lane.id, position]));
      return timeline.lanes.map((lane) => ({
        type: lane.type,
        clientContext: lane.clientContext,
        status: lane.changes.map((change) => change.status),
        callIsKnown: scenario.calls.some((call) => call.id === lane.callId),
        cancelledBy: lane.cancelledByRequestId ? 'a cancel' : undefined,
        ended: lane.startedByRequestId ? timeline.requests[lane.startedByRequestId]?.cancelledOperationIds.map((id) => index.get(id)) : undefined,
      }));
    };
    expect(shape(rekeyed)).toEqual(shape(plain));
    expect(shape(plain).filter((lane) => lane.cancelledBy)).toHaveLength(3);
    expect(rekeyed.calls[0]?.label).toBe('Sales follow-up');
  });

  it('is repeatable for a seed and different across seeds', () => {
    const again = exportScenario(replayEvents(source), { name: 'x', mode: 'mock', calls, recordedAt: source.recordedAt, rekey: { seed: 99 } });
    const other = exportScenario(replayEvents(source), { name: 'x', mode: 'mock', calls, recordedAt: source.recordedAt, rekey: { seed: 100 } });
    expect(again).toEqual(rekeyed);
    expect(other.calls[0]?.id).not.toBe(rekeyed.calls[0]?.id);
  });
});

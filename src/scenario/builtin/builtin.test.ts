import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildTimeline, type OperationLane } from '../../graph/timeline';
import { readScenario } from '../import';
import { replayEvents } from '../replay';
import { BUILTIN_SCENARIOS } from '.';
import { BUILTIN_DIR, builtinFileText } from './files';
import { recordScenario } from './record';
import { BUILTIN_SCRIPTS } from './scripts';

function lanesOf(key: string): OperationLane[] {
  const builtin = BUILTIN_SCENARIOS.find((candidate) => candidate.key === key);
  if (!builtin) throw new Error(`no built-in ${key}`);
  return buildTimeline(replayEvents(builtin.scenario)).lanes;
}

const summary = (lane: OperationLane) => ({
  type: lane.type,
  clientContext: lane.clientContext,
  status: lane.changes.at(-1)?.status,
  subcode: lane.changes.at(-1)?.resultInfo?.subcode,
  cancelled: lane.cancelledByRequestId !== undefined,
});

describe('built-in scenarios', () => {
  it('has a committed file for every script, and nothing else', () => {
    expect(BUILTIN_SCENARIOS.map((builtin) => builtin.key).sort()).toEqual(Object.keys(BUILTIN_SCRIPTS).sort());
  });

  it.each(Object.entries(BUILTIN_SCRIPTS))('%s: the committed file is what the recorder makes now (run `npm run scenario:record` if this fails)', (key, script) => {
    const committed = readFileSync(`${BUILTIN_DIR}/${key}.json`, 'utf8');
    expect(committed).toBe(builtinFileText(recordScenario(script)));
    expect(readScenario(committed).name).toBe(script.name);
  });

  it('IVR queue: v1.0 ends the playing prompt and both queued ones', () => {
    expect(lanesOf('ivr-queue-cancelled').map(summary)).toEqual([
      { type: 'playPrompt', clientContext: 'prompt-1', status: 'failed', subcode: 8508, cancelled: true },
      { type: 'playPrompt', clientContext: 'prompt-2', status: 'failed', subcode: 8508, cancelled: true },
      { type: 'playPrompt', clientContext: 'prompt-3', status: 'failed', subcode: 8508, cancelled: true },
      { type: 'cancelMediaProcessing', clientContext: 'caller-pressed-0', status: 'completed', subcode: 0, cancelled: false },
    ]);
  });

  it('recording: the cancel ends the recording mid-way and leaves the tone subscription alone', () => {
    const lanes = lanesOf('recording-cancelled-tones-kept');
    expect(lanes.map(summary)).toEqual([
      { type: 'subscribeToTone', clientContext: 'tones-1', status: 'completed', subcode: 0, cancelled: false },
      { type: 'record', clientContext: 'recording-1', status: 'failed', subcode: 8508, cancelled: true },
      { type: 'cancelMediaProcessing', clientContext: 'stop-recording', status: 'completed', subcode: 0, cancelled: false },
    ]);
    expect(lanes[1]?.changes.at(-1)?.completionReason).toBe('operationCanceled');
  });

  it('2018 form with all off: only the playing prompt ends; the queued one then completes', () => {
    const lanes = lanesOf('legacy-current-prompt-only');
    expect(lanes.map(summary)).toEqual([
      { type: 'playPrompt', clientContext: 'prompt-1', status: 'failed', subcode: 8508, cancelled: true },
      // The 2018 shape: a completed operation carries no errorInfo.
      { type: 'playPrompt', clientContext: 'prompt-2', status: 'completed', subcode: undefined, cancelled: false },
      { type: 'cancelMediaProcessing', clientContext: 'skip-current', status: 'completed', subcode: undefined, cancelled: false },
    ]);
    expect(lanes[2]?.changes[0]?.status).toBe('accepted (202)');
  });
});

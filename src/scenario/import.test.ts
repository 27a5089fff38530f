import { describe, expect, it } from 'vitest';
import { fieldPath, readScenario, ScenarioImportError, validateScenario } from './import';
import { at, minimalScenarioJson } from './test-support';

function refusal(text: string): ScenarioImportError {
  try {
    readScenario(text);
  } catch (error) {
    if (error instanceof ScenarioImportError) return error;
    throw error;
  }
  throw new Error('the file was accepted');
}

/** The minimal scenario's text with one step changed. */
const withStep = (index: number, change: (step: Record<string, unknown>) => void) => {
  const json = minimalScenarioJson();
  change(at(json.steps as Record<string, unknown>[], index));
  return JSON.stringify(json);
};

describe('readScenario', () => {
  it('accepts a valid file', () => {
    expect(readScenario(JSON.stringify(minimalScenarioJson())).steps).toHaveLength(4);
  });

  it('says plainly when the file is not JSON', () => {
    const error = refusal('{"format": "comms-console-scenario",');
    expect(error.message).toMatch(/^This file is not valid JSON \(.+\)\. A scenario file is the JSON the console's Export writes\.$/);
    expect(error.field).toBeUndefined();
  });

  it('says when the JSON is something else', () => {
    expect(refusal('[1, 2]').message).toBe('This file is not a Comms Console scenario: it holds no JSON object.');
    expect(refusal('{"format": "har"}').message).toBe('This file is not a Comms Console scenario: format: expected "comms-console-scenario", found "har".');
    expect(refusal('{}').message).toContain('found nothing');
  });

  it('refuses a file from a newer console, with the reason', () => {
    const error = refusal(JSON.stringify({ ...minimalScenarioJson(), version: 2, steps: 'a shape this console cannot know' }));
    expect(error.message).toBe('This scenario was made by a newer Comms Console (version 2); this one reads version 1. Update the console to open it.');
    expect(error.field).toBe('version');
  });

  it('names the bad field by its path', () => {
    const error = refusal(withStep(3, (step) => (step.status = 'OK')));
    expect(error.message).toBe('This scenario file is not valid:\n✖ Invalid input: expected number, received string\n  → at steps[3].status');
    expect(error.field).toBe('steps[3].status');
  });

  it('names a missing field, an unknown step kind and a bad profile', () => {
    expect(refusal(withStep(0, (step) => delete step.path)).message).toContain('expected string, received undefined\n  → at steps[0].path');
    expect(refusal(withStep(2, (step) => (step.kind = 'event'))).field).toBe('steps[2].kind');
    expect(refusal(withStep(0, (step) => (step.profile = 'v2.0'))).field).toBe('steps[0].profile');
  });

  it('refuses steps out of time order and answers to no request', () => {
    expect(refusal(withStep(2, (step) => (step.t = 1))).message).toContain('must not be earlier than the step before it (5 ms)\n  → at steps[2].t');
    expect(refusal(withStep(1, (step) => (step.requestId = 'nope'))).message).toContain('no earlier request step has this id\n  → at steps[1].requestId');
  });

  it('names every problem, each with its field', () => {
    const json = minimalScenarioJson();
    for (const step of json.steps as Record<string, unknown>[]) step.t = 'soon';
    const error = refusal(JSON.stringify(json));
    expect(error.message.match(/→ at steps\[\d\]\.t/g)).toHaveLength((json.steps as unknown[]).length);
  });

  it('accepts the unknown fields a later version-1 console might add', () => {
    expect(validateScenario({ ...minimalScenarioJson(), tags: ['demo'] }).name).toBe('Minimal');
  });
});

describe('fieldPath', () => {
  it('writes paths as a person reads them', () => {
    expect(fieldPath(['steps', 3, 'body', 'value', 0])).toBe('steps[3].body.value[0]');
    expect(fieldPath([])).toBe('');
  });
});

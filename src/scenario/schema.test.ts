import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BUILTIN_SCENARIOS } from './builtin';
import { SCENARIO_JSON_SCHEMA_PATH, scenarioJsonSchema, scenarioJsonSchemaText } from './jsonSchema';
import { scenarioSchema, SCENARIO_VERSION } from './schema';
import { minimalScenarioJson } from './test-support';

describe('scenario schema', () => {
  it('is version 1 of the comms-console-scenario format', () => {
    expect(SCENARIO_VERSION).toBe(1);
    expect(scenarioSchema.safeParse(minimalScenarioJson()).success).toBe(true);
    expect(scenarioSchema.safeParse({ ...minimalScenarioJson(), version: 2 }).success).toBe(false);
    expect(scenarioSchema.safeParse({ ...minimalScenarioJson(), format: 'other' }).success).toBe(false);
  });

  it('holds every built-in scenario', () => {
    for (const { scenario } of BUILTIN_SCENARIOS) expect(scenarioSchema.parse(scenario)).toEqual(scenario);
  });

  it('needs a name, a mode, an ISO time and steps of a known kind', () => {
    for (const broken of [{ name: '' }, { mode: 'demo' }, { recordedAt: 'yesterday' }, { steps: [{ t: 0, kind: 'log' }] }, { steps: [{ t: -1, kind: 'notification', seq: 1, source: 'graph', verified: true, body: {} }] }]) {
      expect(scenarioSchema.safeParse({ ...minimalScenarioJson(), ...broken }).success, JSON.stringify(broken)).toBe(false);
    }
  });
});

describe('docs/scenario.schema.json', () => {
  it('is the JSON Schema generated from the zod schema (run `npm run scenario:schema` if this fails)', () => {
    expect(readFileSync(SCENARIO_JSON_SCHEMA_PATH, 'utf8')).toBe(scenarioJsonSchemaText());
  });

  it('describes the file: format, version, calls and the three kinds of step', () => {
    const schema = scenarioJsonSchema() as { required: string[]; properties: Record<string, { const?: unknown; items?: { oneOf?: { properties: { kind: { const: string } } }[] } }> };
    expect(schema.required).toEqual(expect.arrayContaining(['format', 'version', 'name', 'recordedAt', 'mode', 'calls', 'steps']));
    expect(schema.properties.format?.const).toBe('comms-console-scenario');
    expect(schema.properties.version?.const).toBe(1);
    expect(schema.properties.steps?.items?.oneOf?.map((option) => option.properties.kind.const)).toEqual(['request', 'response', 'notification']);
  });
});

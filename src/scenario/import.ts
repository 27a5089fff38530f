/**
 * Reading a scenario file someone hands you: every refusal says what is wrong
 * and where (`✖ Invalid input: expected number, received string → at steps[3].status`),
 * in the one error format of src/graph/untrustedJson.ts.
 */
import { parseUntrustedValue } from '../graph/untrustedJson';
import { SCENARIO_FORMAT, SCENARIO_VERSION, scenarioSchema, type Scenario } from './schema';

export class ScenarioImportError extends Error {
  constructor(
    message: string,
    /** The field at fault, as `steps[3].status`, when there is one. */
    readonly field?: string,
  ) {
    super(message);
    this.name = 'ScenarioImportError';
  }
}

/** Parses and validates a scenario file's text; throws ScenarioImportError with the reason. */
export function readScenario(text: string): Scenario {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new ScenarioImportError(`This file is not valid JSON (${detail}). A scenario file is the JSON the console's Export writes.`);
  }
  return validateScenario(json);
}

export function validateScenario(json: unknown): Scenario {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new ScenarioImportError('This file is not a Comms Console scenario: it holds no JSON object.');
  }
  const { format, version } = json as { format?: unknown; version?: unknown };
  if (format !== SCENARIO_FORMAT) {
    throw new ScenarioImportError(`This file is not a Comms Console scenario: format: expected "${SCENARIO_FORMAT}", found ${quote(format)}.`, 'format');
  }
  if (typeof version === 'number' && Number.isInteger(version) && version > SCENARIO_VERSION) {
    throw new ScenarioImportError(
      `This scenario was made by a newer Comms Console (version ${version}); this one reads version ${SCENARIO_VERSION}. Update the console to open it.`,
      'version',
    );
  }
  const parsed = parseUntrustedValue(json, scenarioSchema, { what: 'This scenario file' });
  if (!parsed.ok) throw new ScenarioImportError(parsed.message, fieldPath(parsed.error?.issues[0]?.path ?? []));
  return parsed.value;
}

/** `['steps', 3, 'status']` → `steps[3].status`. */
export function fieldPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((text, key) => (typeof key === 'number' ? `${text}[${key}]` : text ? `${text}.${String(key)}` : String(key)), '');
}

function quote(value: unknown): string {
  if (value === undefined) return 'nothing';
  return JSON.stringify(value);
}

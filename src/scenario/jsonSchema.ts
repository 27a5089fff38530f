/** The scenario format as JSON Schema, for tools that are not this console. */
import { z } from 'zod';
import { scenarioSchema } from './schema';

export const SCENARIO_JSON_SCHEMA_PATH = 'docs/scenario.schema.json';

export function scenarioJsonSchema(): Record<string, unknown> {
  // 'input': describe what a file may hold; unknown keys are ignored on import, not refused.
  const schema = z.toJSONSchema(scenarioSchema, { io: 'input' });
  return {
    ...schema,
    $id: 'https://comms-console.example/scenario.schema.json',
    title: 'Comms Console scenario',
    description: 'A recorded Comms Console session: calls, requests, answers and notifications with their timing. Generated from src/scenario/schema.ts.',
  };
}

/** The file's exact text, so the committed copy can be compared byte for byte. */
export function scenarioJsonSchemaText(): string {
  return `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`;
}

/** `npm run scenario:schema`: writes the scenario format's JSON Schema, generated from its zod schema. */
import { writeFileSync } from 'node:fs';
import { SCENARIO_JSON_SCHEMA_PATH, scenarioJsonSchemaText } from '../src/scenario/jsonSchema';

writeFileSync(SCENARIO_JSON_SCHEMA_PATH, scenarioJsonSchemaText());
console.log(`Wrote ${SCENARIO_JSON_SCHEMA_PATH}`);

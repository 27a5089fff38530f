/** Writes the generated spec of each recorded session (recorded-sessions.ts) into e2e/generated/sessions/. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { recordScenario } from '../../src/scenario/builtin/record';
import { generateSpec } from '../../src/scenario/spec-generator';
import { RECORDED_SESSIONS } from './recorded-sessions';

const OUT = 'e2e/generated/sessions';
mkdirSync(OUT, { recursive: true });
for (const [key, script] of Object.entries(RECORDED_SESSIONS)) {
  const path = join(OUT, `${key}.spec.ts`);
  writeFileSync(path, generateSpec(recordScenario(script), { source: `recorded session ${key}` }));
  console.log(`Wrote ${path}`);
}

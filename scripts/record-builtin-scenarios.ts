/**
 * `npm run scenario:record`: records the built-in demo scenarios from the call
 * simulator into src/scenario/builtin/*.json. Run it after changing the
 * simulator or the scripts; a unit test fails while the files are stale.
 */
import { writeFileSync } from 'node:fs';
import { builtinFileText, BUILTIN_DIR } from '../src/scenario/builtin/files';
import { recordScenario } from '../src/scenario/builtin/record';
import { BUILTIN_SCRIPTS } from '../src/scenario/builtin/scripts';

for (const [key, script] of Object.entries(BUILTIN_SCRIPTS)) {
  const path = `${BUILTIN_DIR}/${key}.json`;
  writeFileSync(path, builtinFileText(recordScenario(script)));
  console.log(`Wrote ${path}`);
}

/**
 * `npm run scenario:spec -- <file> [-o out.spec.ts]`: a scenario file as a Playwright spec
 * (printed, or written to -o). `--builtin --out <dir>` writes one spec per built-in
 * demo scenario; the e2e run does that first, so the suite plays every built-in.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import { BUILTIN_SCENARIOS } from '../src/scenario/builtin';
import { readScenario, ScenarioImportError } from '../src/scenario/import';
import type { Scenario } from '../src/scenario/schema';
import { generateSpec, SpecGenerationError } from '../src/scenario/spec-generator';
import { planSpec } from '../src/scenario/spec-plan';

const USAGE = `Usage:
  npm run scenario:spec -- <scenario.json> [-o <out.spec.ts>] [--recorded-timing]
  npm run scenario:spec -- --builtin --out <directory>

  --recorded-timing  keep the scenario's pauses (for demos); by default the spec acts as soon as
                     the console shows the state the scenario had.`;

function main(): void {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      out: { type: 'string', short: 'o' },
      builtin: { type: 'boolean', default: false },
      'recorded-timing': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }

  if (values.builtin) {
    if (!values.out) fail(`--builtin needs --out <directory>.\n${USAGE}`);
    mkdirSync(values.out, { recursive: true });
    for (const { key, scenario } of BUILTIN_SCENARIOS) {
      const path = join(values.out, `${key}.spec.ts`);
      writeFileSync(path, generateSpec(scenario, { source: `built-in ${key}` }));
      console.log(`Wrote ${path}`);
    }
    return;
  }

  const [file, ...extra] = positionals;
  if (!file || extra.length > 0) fail(USAGE);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    fail(`Cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  let scenario: Scenario;
  try {
    scenario = readScenario(text);
  } catch (error) {
    // The same words the console's import shows, after the same file name.
    if (error instanceof ScenarioImportError) fail(`${basename(file)}: ${error.message}`);
    throw error;
  }
  const timing = values['recorded-timing'] ? 'recorded' : 'state';
  for (const warning of planSpec(scenario).warnings) console.error(`Warning: ${warning}`);
  const spec = generateSpec(scenario, { source: basename(file), timing });
  if (values.out) {
    writeFileSync(values.out, spec);
    console.log(`Wrote ${values.out}`);
  } else {
    process.stdout.write(spec);
  }
}

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

try {
  main();
} catch (error) {
  // A bad file or a scenario the console cannot drive: the reason is for the person, not a stack trace.
  if (error instanceof ScenarioImportError || error instanceof SpecGenerationError) fail(error.message);
  throw error;
}

/**
 * `npm run test:mutants`: runs the generated specs against consoles with deliberate faults
 * (playwright.mutants.config.ts) and fails unless every spec catches at least one fault and
 * every fault is caught by at least one spec. A run counts as caught only when an assertion
 * failed: a console that did not load proves nothing.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { MUTANTS_REPORT } from '../playwright.mutants.config';

interface JsonTest {
  projectName: string;
  status: string;
  results: { status: string; error?: { message?: string } }[];
}
interface JsonSpec {
  file: string;
  tests: JsonTest[];
}
interface JsonSuite {
  specs?: JsonSpec[];
  suites?: JsonSuite[];
}

const run = spawnSync('npx', ['playwright', 'test', '-c', 'playwright.mutants.config.ts'], { stdio: 'inherit' });
if (run.error) throw run.error;

const report = JSON.parse(readFileSync(MUTANTS_REPORT, 'utf8')) as { suites: JsonSuite[] };
const specs = (suites: JsonSuite[]): JsonSpec[] => suites.flatMap((suite) => [...(suite.specs ?? []), ...specs(suite.suites ?? [])]);
// The faults are the config's projects (src/mocks/faults.ts names them).
const faults = [...new Set(specs(report.suites).flatMap((spec) => spec.tests.map((test) => test.projectName)))];
type MockFault = string;
/** spec file → fault → caught? */
const caught = new Map<string, Map<MockFault, boolean>>();
const problems: string[] = [];
for (const spec of specs(report.suites)) {
  for (const test of spec.tests) {
    const fault = test.projectName;
    const result = test.results.at(-1);
    const failed = result?.status === 'failed' || result?.status === 'timedOut';
    const byAssertion = /expect|Expected|Timeout|toHave|toBe|toEqual|toContain/i.test(result?.error?.message ?? '') && !/net::ERR|page\.goto/.test(result?.error?.message ?? '');
    if (failed && !byAssertion) problems.push(`${spec.file} under ${fault} failed for another reason: ${(result?.error?.message ?? '').split('\n')[0]}`);
    const row = caught.get(spec.file) ?? new Map<MockFault, boolean>();
    row.set(fault, failed && byAssertion);
    caught.set(spec.file, row);
  }
}

const table = [
  `| spec | ${faults.join(' | ')} |`,
  `|---|${faults.map(() => '---').join('|')}|`,
  ...[...caught].map(([file, row]) => `| ${file} | ${faults.map((fault) => (row.get(fault) ? 'caught' : 'missed')).join(' | ')} |`),
].join('\n');
console.log(`\nMutation check: each spec against a console with each fault\n\n${table}\n`);

if (caught.size === 0) problems.push('No generated spec ran: run `npm run test:e2e` (it writes e2e/generated/) first.');
for (const [file, row] of caught) if (![...row.values()].some(Boolean)) problems.push(`${file} caught none of the faults.`);
for (const fault of faults) if (![...caught.values()].some((row) => row.get(fault))) problems.push(`No spec caught the fault "${fault}".`);
if (problems.length > 0) {
  console.error(problems.map((problem) => `✗ ${problem}`).join('\n'));
  process.exit(1);
}
console.log(`✓ Every spec caught at least one fault, and every fault was caught.`);

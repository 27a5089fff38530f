import { expect, test } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ScenariosPage } from './scenarios-page';

/**
 * A scenario file is someone else's data. Hostile files go through both ways a spec is made (the CLI and the
 * UI's download), then Playwright loads every spec made (`playwright test --list`): no code from a file may run.
 */

const BASE = resolve('src/scenario/builtin/recording-cancelled-tones-kept.json');
const CALL_ID = '5c659748-2d34-4649-b5e2-fe93e8f7a32d';

/** Each writes a marker file (relative to where Playwright runs) if it ever runs as code. */
const PAYLOADS = [
  "x\n});\nimport('node:fs').then(f => f.writeFileSync('PWNED-1', 'x'));\ntest('x', async () => {\n//",
  "*/ require('node:fs').writeFileSync('PWNED-2', 'x'); /*",
  "`; require('node:fs').writeFileSync('PWNED-3', 'x'); `",
  "${require('node:fs').writeFileSync('PWNED-4', 'x')}",
  "x\u2028require('node:fs').writeFileSync('PWNED-5', 'x');\u2029//",
  "\"); require('node:fs').writeFileSync('PWNED-6', 'x'); ('",
];

/** The built-in recording scenario with a payload in every free-text field a spec shows. */
function hostileText(payload: string): string {
  const scenario = JSON.parse(readFileSync(BASE, 'utf8')) as { name: string; description: string; calls: { label?: string }[] };
  scenario.name = `Hostile ${payload}`;
  scenario.description = payload;
  for (const call of scenario.calls) call.label = payload;
  return JSON.stringify(scenario).replaceAll('"stop-recording"', JSON.stringify(payload)).replaceAll('"Action failed, the operation was cancelled."', JSON.stringify(payload));
}

/** The attack review's file: the payload as the @odata.type of an operation no step named. */
function hostileTypeText(): string {
  const scenario = JSON.parse(readFileSync(BASE, 'utf8')) as { steps: { t: number }[] };
  const t = scenario.steps.at(-1)?.t ?? 0;
  scenario.steps.push({
    t,
    kind: 'notification',
    seq: 99,
    source: 'simulator',
    verified: false,
    body: {
      value: [
        {
          changeType: 'deleted',
          resourceUrl: `/communications/calls/${CALL_ID}/operations/0b0b0b0b-0000-4000-8000-000000000001`,
          resourceData: { '@odata.type': `#microsoft.graph.x${PAYLOADS[0]}`, status: 'completed' },
        },
      ],
    },
  } as { t: number });
  return JSON.stringify(scenario);
}

/** `npm run scenario:spec` on a file: the spec it wrote, or its error. */
function cli(dir: string, name: string, text: string): { spec?: string; error?: string } {
  const file = join(dir, `${name}.json`);
  const out = join(dir, `${name}.cli.spec.ts`);
  writeFileSync(file, text);
  const run = spawnSync('npx', ['tsx', 'scripts/scenario-spec.ts', file, '-o', out], { encoding: 'utf8' });
  return run.status === 0 ? { spec: readFileSync(out, 'utf8') } : { error: run.stderr.trim() };
}

test('hostile scenario files make inert specs, or are refused with the same words by the CLI and the console', async ({ page }) => {
  test.setTimeout(180_000);
  const work = mkdtempSync(join(tmpdir(), 'hostile-scenarios-'));
  const loadDir = mkdtempSync(join(tmpdir(), 'hostile-specs-'));
  try {
    const console = new ScenariosPage(page);
    await console.open();
    const specs: string[] = [];

    // The review's file: refused by both, naming the field.
    const refused = cli(work, 'odata-type', hostileTypeText());
    expect(refused.spec).toBeUndefined();
    expect(refused.error).toMatch(/^odata-type\.json: This scenario file is not valid: steps\[\d+\]\.body\.value\[0\]\.resourceData\.@odata\.type: must be a Graph type name/);
    await console.importText(hostileTypeText(), 'odata-type.json');
    await expect(console.importError).toHaveText(refused.error ?? '');

    for (const [index, payload] of PAYLOADS.entries()) {
      const made = cli(work, `free-text-${index}`, hostileText(payload));
      expect(made.error).toBeUndefined();
      specs.push(made.spec ?? '');

      await console.importText(hostileText(payload), `free-text-${index}.json`);
      await expect(console.player).toContainText('Hostile');
      const downloaded = await console.download('Download Playwright spec');
      expect(downloaded.download.suggestedFilename()).toMatch(/^hostile-[a-z0-9-]*\.spec\.ts$/);
      specs.push(downloaded.text);
    }

    // Playwright loads every spec, as a project would: one test each, and nothing else runs.
    symlinkSync(resolve('node_modules'), join(loadDir, 'node_modules'), 'dir');
    specs.forEach((spec, index) => writeFileSync(join(loadDir, `hostile-${index}.spec.ts`), spec));
    const listed = spawnSync(process.execPath, [resolve('node_modules/@playwright/test/cli.js'), 'test', '--list'], { cwd: loadDir, encoding: 'utf8' });
    expect(listed.stderr).not.toMatch(/Error/);
    expect(listed.stdout).toContain(`Total: ${specs.length} tests in ${specs.length} files`);
    expect(readdirSync(loadDir).filter((name) => name.startsWith('PWNED'))).toEqual([]);
    expect(readdirSync('.').filter((name) => name.startsWith('PWNED'))).toEqual([]);
    expect(existsSync(join(loadDir, 'PWNED-1'))).toBe(false);
  } finally {
    rmSync(work, { recursive: true, force: true });
    rmSync(loadDir, { recursive: true, force: true });
  }
});

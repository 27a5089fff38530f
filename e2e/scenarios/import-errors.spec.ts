import { expect, test } from '../fixtures';
import { readFileSync } from 'node:fs';

interface DemoFile {
  version: number;
  steps: Record<string, unknown>[];
}
const demo = () => JSON.parse(readFileSync('src/scenario/builtin/ivr-queue-cancelled.json', 'utf8')) as DemoFile;

test('a file that is not JSON is refused in plain words beside the picker', async ({ scenarios: console }) => {
  await console.open();
  await console.importText('{"format": "comms-console-scenario", "steps": [', 'broken.json');
  await expect(console.importError).toContainText('broken.json: This file is not valid JSON');
  await expect(console.region.getByLabel('Import scenario file')).toHaveAttribute('aria-invalid', 'true');
  await expect(console.player).toHaveCount(0);
});

test('an invalid field is named by its path, and a good file then clears the error', async ({ scenarios: console }) => {
  await console.open();
  const bad = demo();
  bad.steps[3] = { ...bad.steps[3], status: '200 OK' };
  await console.importText(JSON.stringify(bad), 'bad-status.json');
  await expect(console.importError).toContainText('bad-status.json: This scenario file is not valid:');
  await expect(console.importError).toContainText('expected number, received string → at steps[3].status');
  await expect(console.player).toHaveCount(0);

  await console.importText(JSON.stringify(demo()), 'good.json');
  await expect(console.importError).toHaveCount(0);
  await expect(console.player).toContainText('IVR prompt queue cancelled at once (v1.0)');
});

test('a file from a newer console is refused with the reason', async ({ scenarios: console }) => {
  await console.open();
  await console.importText(JSON.stringify({ ...demo(), version: 2 }), 'from-the-future.json');
  await expect(console.importError).toContainText('This scenario was made by a newer Comms Console (version 2); this one reads version 1.');
  await expect(console.player).toHaveCount(0);
});

/**
 * `npx tsx scripts/screenshot-swimlanes.ts`: the README's picture of the swimlanes, made the way a
 * user would see them. It serves the built console (run `npx vite build` first) in mock mode, plays a
 * built-in demo in Chromium, and saves the timeline as docs/swimlanes.png.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, expect } from '@playwright/test';
import { freePort, spawnServer } from '../server/test-support/server-process';
import { chromiumPath } from './bench/timeline-bench';

const DEMO = 'IVR prompt queue cancelled at once (v1.0)';
const OUTPUT = fileURLToPath(new URL('../docs/swimlanes.png', import.meta.url));
const DIST = fileURLToPath(new URL('../dist', import.meta.url));

const port = await freePort();
const dataDir = mkdtempSync(join(tmpdir(), 'comms-console-screenshot-'));
// No Graph credentials: the console offers mock mode only, which plays the demo in the browser.
const server = await spawnServer({ keepOutput: false, env: { HOST: '127.0.0.1', PORT: String(port), DATA_DIR: dataDir, DIST_DIR: DIST } });
const executablePath = chromiumPath();
const browser = await chromium.launch({ ...(executablePath ? { executablePath } : {}), args: ['--no-sandbox', '--disable-gpu'] });
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 860 }, colorScheme: 'light' });
  await page.goto(`http://127.0.0.1:${port}/`);
  await expect(page.getByRole('status').filter({ hasText: /^Connected$/ })).toBeVisible({ timeout: 30_000 });
  const scenarios = page.getByRole('region', { name: 'Scenarios' });
  await scenarios.getByRole('combobox', { name: 'Built-in demo' }).selectOption({ label: DEMO });
  await scenarios.getByRole('button', { name: 'Load demo' }).click();
  const player = scenarios.getByRole('group', { name: 'Replay' });
  await player.getByRole('combobox', { name: 'Speed' }).selectOption({ label: '10×' });
  await player.getByRole('button', { name: 'Play' }).click();
  await expect(player.getByText(/^step \d+ of \d+/)).toContainText('finished', { timeout: 60_000 });
  // The last announcement and the bars' transitions settle before the picture is taken.
  await page.waitForTimeout(1_000);
  await page.getByRole('figure', { name: 'Swimlanes' }).screenshot({ path: OUTPUT, animations: 'disabled' });
  console.log(`written ${OUTPUT} (${(statSync(OUTPUT).size / 1024).toFixed(0)} KB)`);
} finally {
  await browser.close();
  await server.stop();
  rmSync(dataDir, { recursive: true, force: true });
}

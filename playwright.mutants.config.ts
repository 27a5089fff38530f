/**
 * The mutation check (scripts/mutation-check.ts runs it): the generated specs of the built-in scenarios and
 * of the recorded sessions, against a mock console with one deliberate fault per project (src/mocks/faults.ts).
 * Every run is expected to FAIL; the script reads the JSON report and says which spec caught which fault.
 */
import { existsSync } from 'node:fs';
import { defineConfig, devices } from '@playwright/test';
import { MOCK_FAULT_KEY, MOCK_FAULTS, type MockFault } from './src/mocks/faults';

const debianChromium = '/usr/bin/chromium';
const E2E_PORT = Number(process.env.E2E_PORT ?? 4319);
const MOCK_CONSOLE_URL = `http://127.0.0.1:${E2E_PORT}`;
export const MUTANTS_REPORT = 'test-results/mutants/report.json';

export default defineConfig({
  testDir: 'e2e/generated',
  // The long session proves length, not fault-finding: it stays in the main run.
  testMatch: ['*.spec.ts', 'sessions/mixed-*.spec.ts'],
  fullyParallel: true,
  workers: 2,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 5_000 },
  reporter: [['dot'], ['json', { outputFile: MUTANTS_REPORT }]],
  use: {
    ...devices['Desktop Chrome'],
    baseURL: MOCK_CONSOLE_URL,
    launchOptions: {
      ...(existsSync(debianChromium) ? { executablePath: debianChromium } : {}),
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
  projects: (Object.keys(MOCK_FAULTS) as MockFault[]).map((fault) => ({
    name: fault,
    use: { storageState: { cookies: [], origins: [{ origin: MOCK_CONSOLE_URL, localStorage: [{ name: MOCK_FAULT_KEY, value: fault }] }] } },
  })),
  webServer: {
    name: 'mock console',
    command: 'tsx server/main.ts',
    url: `${MOCK_CONSOLE_URL}/api/config`,
    env: { HOST: '127.0.0.1', PORT: String(E2E_PORT), DATA_DIR: 'test-results/mutants-data' },
    reuseExistingServer: false,
    timeout: 60_000,
  },
});

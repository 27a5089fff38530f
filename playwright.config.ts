import { existsSync } from 'node:fs';
import { defineConfig, devices } from '@playwright/test';
import {
  FAKE_CLIENT_ID,
  FAKE_CLIENT_SECRET,
  FAKE_GRAPH_CERT_FILE,
  FAKE_GRAPH_OPENID_CONFIG_URL,
  FAKE_GRAPH_PORT,
  FAKE_GRAPH_SEED,
  FAKE_GRAPH_URL,
  FAKE_TENANT_ID,
  LIVE_CONSOLE_DATA_DIR,
  LIVE_CONSOLE_PORT,
  LIVE_CONSOLE_URL,
} from './e2e/live/harness';

/** Debian's chromium where it is installed (these machines cannot download Playwright's own). */
const debianChromium = '/usr/bin/chromium';
const E2E_PORT = Number(process.env.E2E_PORT ?? 4319);
const MOCK_CONSOLE_URL = `http://127.0.0.1:${E2E_PORT}`;

/** Deletes a folder before a server starts (the command runs in a shell; `node -e` is CommonJS). */
const deleteFirst = (dir: string) => `node -e "require('node:fs').rmSync(process.argv[1], { recursive: true, force: true })" ${JSON.stringify(dir)}`;

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  // Mock tests each run in their own browser context over an in-page Graph: they share nothing and run in parallel.
  workers: Number(process.env.E2E_WORKERS) || '50%',
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  use: {
    trace: 'retain-on-failure',
    ...devices['Desktop Chrome'],
    launchOptions: {
      ...(existsSync(debianChromium) ? { executablePath: debianChromium } : {}),
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
  projects: [
    {
      // The console with no Graph credentials: mock mode only. Every spec under e2e/ but the live ones
      // (e2e/mock, e2e/scenarios, e2e/generated...).
      name: 'mock',
      testIgnore: 'live/**',
      fullyParallel: true,
      use: { baseURL: MOCK_CONSOLE_URL },
    },
    {
      // The console against the fake Graph: live mode, end to end (e2e/live/harness.ts).
      name: 'live',
      testDir: 'e2e/live',
      // One console store and one fake Graph call for every live test: one at a time.
      workers: 1,
      // Each expectation may wait on a round trip through two servers and a websocket.
      expect: { timeout: 15_000 },
      use: { baseURL: LIVE_CONSOLE_URL },
    },
  ],
  // Started in this order, each once the one before answers.
  webServer: [
    {
      name: 'mock console',
      command: 'tsx server/main.ts',
      url: `${MOCK_CONSOLE_URL}/api/config`,
      env: { HOST: '127.0.0.1', PORT: String(E2E_PORT), DATA_DIR: 'test-results/e2e-data' },
      reuseExistingServer: false,
      timeout: 60_000,
    },
    {
      name: 'fake Graph',
      command: 'tsx e2e/fake-graph/main.ts',
      // The certificate is the fake's own (new each start): its readiness is checked without trusting it.
      url: `https://127.0.0.1:${FAKE_GRAPH_PORT}${new URL(FAKE_GRAPH_OPENID_CONFIG_URL).pathname}`,
      ignoreHTTPSErrors: true,
      env: {
        FAKE_GRAPH_PORT: String(FAKE_GRAPH_PORT),
        FAKE_GRAPH_CERT_FILE,
        FAKE_GRAPH_TENANT_ID: FAKE_TENANT_ID,
        FAKE_GRAPH_CLIENT_ID: FAKE_CLIENT_ID,
        FAKE_GRAPH_CLIENT_SECRET: FAKE_CLIENT_SECRET,
        FAKE_GRAPH_SEED: String(FAKE_GRAPH_SEED),
        CONSOLE_CALLBACK_URL: `${LIVE_CONSOLE_URL}/api/calls`,
      },
      reuseExistingServer: false,
      timeout: 60_000,
    },
    {
      name: 'live console',
      command: `${deleteFirst(LIVE_CONSOLE_DATA_DIR)} && tsx server/main.ts`,
      url: `${LIVE_CONSOLE_URL}/api/config`,
      env: {
        HOST: '127.0.0.1',
        PORT: String(LIVE_CONSOLE_PORT),
        DATA_DIR: LIVE_CONSOLE_DATA_DIR,
        GRAPH_TENANT_ID: FAKE_TENANT_ID,
        GRAPH_CLIENT_ID: FAKE_CLIENT_ID,
        GRAPH_CLIENT_SECRET: FAKE_CLIENT_SECRET,
        GRAPH_BASE_URL: FAKE_GRAPH_URL,
        GRAPH_AUTHORITY_HOST: FAKE_GRAPH_URL,
        NOTIFY_OPENID_CONFIG_URL: FAKE_GRAPH_OPENID_CONFIG_URL,
        // Read by Node when the process starts: the fake wrote it before it answered.
        NODE_EXTRA_CA_CERTS: FAKE_GRAPH_CERT_FILE,
        // Whatever a developer's shell or .env holds, this console runs as the harness says.
        GRAPH_CLIENT_CERTIFICATE_PATH: '',
        GRAPH_CLIENT_CERTIFICATE_THUMBPRINT: '',
        PUBLIC_URL: '',
        CONSOLE_TOKEN: '',
      },
      reuseExistingServer: false,
      timeout: 60_000,
    },
  ],
});

/** A ServerConfig for in-process tests: port 0, a fresh DATA_DIR, a tiny built UI, no real Graph. */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { configFromEnvironment, type ServerConfig } from '../config';

export const TEST_TENANT_ID = '11111111-2222-4333-8444-555555555555';
export const TEST_CLIENT_ID = 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee';

/**
 * One folder per test file for every DATA_DIR, dist and certificate it makes, removed after the file.
 * Vitest gives each test file fresh modules, so this hook is registered once per file that imports this.
 */
let testRoot: string | undefined;
afterAll(() => {
  if (testRoot) rmSync(testRoot, { recursive: true, force: true });
  testRoot = undefined;
});

export function temporaryDirectory(prefix: string): string {
  testRoot ??= mkdtempSync(join(tmpdir(), 'comms-console-tests-'));
  return mkdtempSync(join(testRoot, `${prefix}-`));
}

/** A stand-in for `vite build`'s output: an index, a hashed asset, the msw worker. */
export function makeDist(): string {
  const dist = temporaryDirectory('dist');
  mkdirSync(join(dist, 'assets'));
  writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Comms Console</title><script type="module" src="/assets/index-abc123.js"></script>');
  writeFileSync(join(dist, 'assets', 'index-abc123.js'), 'console.log("app");');
  writeFileSync(join(dist, 'mockServiceWorker.js'), 'self.addEventListener("fetch", () => {});');
  return dist;
}

export type ConfigOverrides = Partial<Omit<ServerConfig, 'graph' | 'notifications' | 'relay' | 'retention'>> & {
  graph?: Partial<ServerConfig['graph']>;
  notifications?: Partial<ServerConfig['notifications']>;
  relay?: Partial<ServerConfig['relay']>;
  retention?: Partial<ServerConfig['retention']>;
};

/** What an empty environment gives: the server's own defaults. */
const DEFAULTS = configFromEnvironment({});

export function testConfig(overrides: ConfigOverrides = {}): ServerConfig {
  const { graph, notifications, relay, retention, ...rest } = overrides;
  return {
    host: '127.0.0.1',
    port: 0,
    distDir: makeDist(),
    dataDir: temporaryDirectory('data'),
    extraLocalHosts: [],
    maxBodyBytes: DEFAULTS.maxBodyBytes,
    ...rest,
    graph: {
      baseUrl: 'http://127.0.0.1:9', // nothing listens on the discard port: a test that reaches it fails loudly
      authorityHost: DEFAULTS.graph.authorityHost,
      scope: DEFAULTS.graph.scope,
      tenantId: TEST_TENANT_ID,
      clientId: TEST_CLIENT_ID,
      credential: { kind: 'secret', clientSecret: 'test-secret-never-used' },
      timeoutMs: 5_000,
      ...graph,
    },
    notifications: {
      openIdConfigUrl: 'http://127.0.0.1:9/openid',
      clockSkewSeconds: DEFAULTS.notifications.clockSkewSeconds,
      allowedTenants: [],
      ...notifications,
    },
    relay: {
      ...DEFAULTS.relay,
      ...relay,
    },
    retention: {
      ...DEFAULTS.retention,
      ...retention,
    },
  };
}

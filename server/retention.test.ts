/**
 * Retention over real HTTP: ended sessions older than DATA_MAX_DAYS go, and
 * while the history is over DATA_MAX_MB ended sessions go oldest first; the
 * session list says what went. The current session is never deleted: when it
 * alone is over the limit, notifications are refused with 507 (Graph
 * retries) and nothing is stored.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { graphErrorSchema } from '../src/graph/schemas';
import { sessionListSchema, type SessionList } from '../src/graph/sessions';
import { startServer, type RunningServer } from './app';
import { DATABASE_FILE } from './database';
import { testConfig, type ConfigOverrides } from './test-support/config';
import { forwardNotification, TEST_FORWARD_SECRET } from './test-support/forward';
import { rawRequest } from './test-support/http-client';
import { operationDeleted } from './test-support/sample-notifications';
import { storedNotifications } from './test-support/stored';

const DAY_MS = 24 * 60 * 60 * 1000;
const MB = 1024 * 1024;

const servers: RunningServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function start(overrides: ConfigOverrides = {}) {
  const config = testConfig({ forwardSecret: TEST_FORWARD_SECRET, ...overrides, retention: { checkIntervalMs: 50, ...overrides.retention } });
  const server = await startServer(config, { log: () => undefined });
  servers.push(server);
  return { server, dataDir: config.dataDir };
}

const startSession = async (server: RunningServer, name: string) => {
  const response = await rawRequest(server.port, { method: 'POST', path: '/api/sessions', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name }) });
  expect(response.status).toBe(201);
};
const list = async (server: RunningServer): Promise<SessionList> => sessionListSchema.parse((await rawRequest(server.port, { path: '/api/sessions' })).json());
const names = (sessions: SessionList) => sessions.sessions.map((session) => session.name);
/** About `kb` kilobytes of notification. */
const padded = (n: number, kb: number) => ({ ...operationDeleted('call-1', `op-${n}`), padding: 'x'.repeat(kb * 1024) });

describe('retention by age (DATA_MAX_DAYS)', () => {
  it('deletes ended sessions that ended longer ago, with their notifications, and says so', async () => {
    const first = await start();
    await startSession(first.server, 'Ancient');
    await forwardNotification(first.server.port, operationDeleted('call-1', 'op-old'));
    await startSession(first.server, 'Recent');
    await forwardNotification(first.server.port, operationDeleted('call-1', 'op-recent'));
    await startSession(first.server, 'Current');
    await first.server.close();
    servers.splice(0);
    // Forty days pass for the first session.
    const db = new Database(join(first.dataDir, DATABASE_FILE));
    db.prepare("UPDATE sessions SET started_at = ?, ended_at = ? WHERE name = 'Ancient'").run(new Date(Date.now() - 41 * DAY_MS).toISOString(), new Date(Date.now() - 40 * DAY_MS).toISOString());
    db.close();

    const { server } = await start({ dataDir: first.dataDir, retention: { maxAgeMs: 30 * DAY_MS } });
    await expect.poll(async () => names(await list(server)), { timeout: 5_000 }).toEqual(['Current', 'Recent']);
    expect(storedNotifications(first.dataDir).map((row) => JSON.parse(row.body) as unknown).map((body) => JSON.stringify(body))).toEqual([JSON.stringify(operationDeleted('call-1', 'op-recent'))]);
    const { pruned } = await list(server);
    expect(pruned).toMatchObject({ sessions: [{ name: 'Ancient' }] });
    expect(JSON.stringify(pruned)).toContain('DATA_MAX_DAYS');
  });
});

describe('retention by size (DATA_MAX_MB)', () => {
  it('deletes ended sessions oldest first until the history fits, never the current one', async () => {
    const { server, dataDir } = await start({ retention: { maxBytes: 1 * MB } });
    for (const name of ['First', 'Second', 'Third']) {
      await startSession(server, name);
      for (let n = 0; n < 5; n += 1) await forwardNotification(server.port, padded(n, 100));
    }
    await startSession(server, 'Current');
    await expect.poll(async () => names(await list(server)), { timeout: 5_000 }).toEqual(['Current', 'Third']);
    const { pruned } = await list(server);
    expect(pruned).toMatchObject({ sessions: [{ name: 'First' }, { name: 'Second' }] });
    expect(JSON.stringify(pruned)).toContain('DATA_MAX_MB');
    expect(storedNotifications(dataDir)).toHaveLength(5);
  });

  it('refuses notifications with 507 while the current session alone fills the limit, storing nothing', async () => {
    const { server, dataDir } = await start({ retention: { maxBytes: 1 * MB } });
    await startSession(server, 'Only');
    let refused: { status: number; text: string } | undefined;
    for (let n = 0; n < 40 && !refused; n += 1) {
      const response = await rawRequest(server.port, {
        method: 'POST',
        path: '/api/forward',
        headers: { 'content-type': 'application/json', 'x-forward-secret': TEST_FORWARD_SECRET },
        body: JSON.stringify(padded(n, 100)),
      });
      if (response.status !== 202) refused = response;
      else await new Promise((resolve) => setTimeout(resolve, 60)); // a check runs every 50 ms
    }
    expect(refused?.status).toBe(507);
    const { error } = graphErrorSchema.parse(JSON.parse(refused?.text ?? ''));
    expect(error.message).toContain('DATA_MAX_MB');
    expect(error.message).toContain('new session');
    const storedBefore = storedNotifications(dataDir).length;
    const again = await rawRequest(server.port, {
      method: 'POST',
      path: '/api/forward',
      headers: { 'content-type': 'application/json', 'x-forward-secret': TEST_FORWARD_SECRET },
      body: JSON.stringify(operationDeleted('call-1', 'op-small')),
    });
    expect(again.status).toBe(507);
    expect(storedNotifications(dataDir)).toHaveLength(storedBefore);

    // A new session ends the full one, which can then go: notifications are accepted again.
    await startSession(server, 'Fresh');
    await expect.poll(async () => (await rawRequest(server.port, {
      method: 'POST',
      path: '/api/forward',
      headers: { 'content-type': 'application/json', 'x-forward-secret': TEST_FORWARD_SECRET },
      body: JSON.stringify(operationDeleted('call-1', 'op-after')),
    })).status, { timeout: 5_000 }).toBe(202);
    expect(names(await list(server))).toEqual(['Fresh']);
  });
});

describe('DATA_MAX_MB, DATA_MAX_DAYS and RELAY_MAX_CLIENTS', () => {
  it('default to 1024 MB, 30 days and 100 clients, and refuse what is not a positive whole number', async () => {
    const { configFromEnvironment, ConfigError } = await import('./config');
    const defaults = configFromEnvironment({});
    expect(defaults.retention).toMatchObject({ maxBytes: 1024 * MB, maxAgeMs: 30 * DAY_MS });
    expect(defaults.relay.maxClients).toBe(100);
    expect(configFromEnvironment({ DATA_MAX_MB: '5', DATA_MAX_DAYS: '2', RELAY_MAX_CLIENTS: '7' })).toMatchObject({ retention: { maxBytes: 5 * MB, maxAgeMs: 2 * DAY_MS }, relay: { maxClients: 7 } });
    for (const name of ['DATA_MAX_MB', 'DATA_MAX_DAYS', 'RELAY_MAX_CLIENTS']) {
      for (const value of ['0', '-1', '1.5', 'lots']) expect(() => configFromEnvironment({ [name]: value }), `${name}=${value}`).toThrow(ConfigError);
    }
  });
});

/**
 * The notification token's tenant is pinned (GRAPH_TENANT_ID, plus
 * NOTIFY_ALLOWED_TENANTS for multi-tenant bots), and its issue and
 * not-before times may be no further ahead than the clock skew.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { graphErrorSchema } from '../src/graph/schemas';
import { startServer, type RunningServer } from './app';
import { configFromEnvironment, ConfigError } from './config';
import { testConfig, type ConfigOverrides } from './test-support/config';
import { rawRequest } from './test-support/http-client';
import { startNotificationKeys, type NotificationKeys } from './test-support/notification-keys';
import { operationDeleted } from './test-support/sample-notifications';
import { storedNotifications } from './test-support/stored';

const OTHER_TENANT = '99999999-8888-4777-8666-555555555555';
const SKEW_SECONDS = 60;

let keys: NotificationKeys;
let server: RunningServer | undefined;
let dataDir: string;

beforeAll(async () => {
  keys = await startNotificationKeys();
});
afterAll(async () => {
  await keys.close();
});
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(overrides: ConfigOverrides = {}) {
  const config = testConfig({ ...overrides, notifications: { openIdConfigUrl: keys.openIdConfigUrl, clockSkewSeconds: SKEW_SECONDS, ...overrides.notifications } });
  dataDir = config.dataDir;
  server = await startServer(config, { log: () => undefined });
}

const post = (token: string) =>
  rawRequest(server?.port ?? 0, {
    method: 'POST',
    path: '/api/calls',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(operationDeleted('call-1', 'op-1')),
  });
const now = () => Math.floor(Date.now() / 1000);

describe('the notification token tenant', () => {
  it("refuses a token from another tenant, naming the tid and what to set", async () => {
    await start();
    const response = await post(await keys.sign({ claims: { tid: OTHER_TENANT } }));
    expect(response.status).toBe(403);
    const { message } = graphErrorSchema.parse(response.json()).error;
    expect(message).toContain(OTHER_TENANT);
    expect(message).toContain('NOTIFY_ALLOWED_TENANTS');
    expect(storedNotifications(dataDir)).toEqual([]);
  });

  it('accepts the tenants NOTIFY_ALLOWED_TENANTS lists, besides GRAPH_TENANT_ID', async () => {
    await start({ notifications: { allowedTenants: [OTHER_TENANT] } });
    expect((await post(await keys.sign({ claims: { tid: OTHER_TENANT } }))).status).toBe(202);
    expect((await post(await keys.sign())).status).toBe(202);
    expect((await post(await keys.sign({ claims: { tid: '12345678-1234-4234-8234-123456789abc' } }))).status).toBe(403);
  });

  it('refuses every token when no tenant is configured', async () => {
    await start({ graph: { tenantId: undefined } });
    const response = await post(await keys.sign());
    expect(response.status).toBe(403);
    expect(graphErrorSchema.parse(response.json()).error.message).toContain('GRAPH_TENANT_ID');
  });
});

describe('the notification token times', () => {
  it('refuses an iat a year ahead, and keeps refusing it (never cached)', async () => {
    await start();
    const token = await keys.sign({ claims: { iat: now() + 365 * 24 * 3600 } });
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const response = await post(token);
      expect(response.status).toBe(403);
      expect(graphErrorSchema.parse(response.json()).error.message).toContain('"iat"');
    }
    expect(storedNotifications(dataDir)).toEqual([]);
  });

  it('refuses an iat or nbf just beyond the skew, accepts them within it', async () => {
    await start();
    expect((await post(await keys.sign({ claims: { iat: now() + SKEW_SECONDS + 30 } }))).status).toBe(403);
    expect((await post(await keys.sign({ claims: { nbf: now() + SKEW_SECONDS + 30 } }))).status).toBe(403);
    expect((await post(await keys.sign({ claims: { iat: now() + 20, nbf: now() + 20 } }))).status).toBe(202);
  });
});

describe('NOTIFY_ALLOWED_TENANTS', () => {
  it('is a comma-separated list of tenant ids', () => {
    const config = configFromEnvironment({ NOTIFY_ALLOWED_TENANTS: ` ${OTHER_TENANT}, 12345678-1234-4234-8234-123456789ABC ` });
    expect(config.notifications.allowedTenants).toEqual([OTHER_TENANT, '12345678-1234-4234-8234-123456789abc']);
    expect(configFromEnvironment({}).notifications.allowedTenants).toEqual([]);
  });

  it('refuses anything but tenant ids, naming the variable', () => {
    expect(() => configFromEnvironment({ NOTIFY_ALLOWED_TENANTS: 'contoso.com' })).toThrow(ConfigError);
    expect(() => configFromEnvironment({ NOTIFY_ALLOWED_TENANTS: '*' })).toThrow(/NOTIFY_ALLOWED_TENANTS/);
  });
});

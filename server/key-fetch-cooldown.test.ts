/**
 * While Graph's signing keys cannot be fetched, a flood of notifications (any
 * bearer string will do) must not become a flood of key fetches: after a
 * failure the verifier waits out a cool-down, answering 503 meanwhile, then
 * tries again.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { graphErrorSchema } from '../src/graph/schemas';
import { startServer, type RunningServer } from './app';
import { testConfig } from './test-support/config';
import { rawRequest } from './test-support/http-client';
import { startNotificationKeys, type NotificationKeys } from './test-support/notification-keys';
import { operationDeleted } from './test-support/sample-notifications';

/** Long enough that a flood of requests on a slow machine all fall inside it. */
const LONG_COOLDOWN_MS = 60_000;
const SHORT_COOLDOWN_MS = 400;
const FLOOD = 25;

/** An OpenID configuration endpoint that fails (500) or points at working keys, counting its hits. */
interface FlakyKeys {
  url: string;
  configFetches: number;
  jwksFetches: number;
  mode: 'config-fails' | 'jwks-fails' | 'works';
  close(): Promise<void>;
}

let keys: NotificationKeys;
let flaky: FlakyKeys;
let server: RunningServer;

async function startFlakyKeys(realKeys: NotificationKeys): Promise<FlakyKeys> {
  const state: FlakyKeys = { url: '', configFetches: 0, jwksFetches: 0, mode: 'config-fails', close: () => Promise.resolve() };
  const http: Server = createServer((req, res) => {
    const { port } = http.address() as AddressInfo;
    if (req.url === '/openid') {
      state.configFetches += 1;
      if (state.mode === 'config-fails') {
        res.writeHead(500);
        res.end();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ jwks_uri: `http://127.0.0.1:${port}/keys` }));
      return;
    }
    state.jwksFetches += 1;
    if (state.mode !== 'works') {
      res.writeHead(500);
      res.end();
      return;
    }
    // The real keys, fetched from the key server the tokens are signed for.
    fetch(realKeys.openIdConfigUrl)
      .then((answer) => answer.json() as Promise<{ jwks_uri: string }>)
      .then((config) => fetch(config.jwks_uri))
      .then((answer) => answer.text())
      .then((jwks) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(jwks);
      })
      .catch(() => res.destroy());
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(http.address() as AddressInfo).port}/openid`;
  state.close = () =>
    new Promise<void>((resolve) => {
      http.close(() => resolve());
      http.closeAllConnections();
    });
  return state;
}

beforeEach(async () => {
  keys = await startNotificationKeys();
  flaky = await startFlakyKeys(keys);
});
async function start(cooldownMs: number) {
  server = await startServer(testConfig({ notifications: { openIdConfigUrl: flaky.url, keyFetchFailureCooldownMs: cooldownMs } }), { log: () => undefined });
}
afterEach(async () => {
  await server.close();
  await flaky.close();
  await keys.close();
});

const post = (authorization: string) =>
  rawRequest(server.port, {
    method: 'POST',
    path: '/api/calls',
    headers: { 'content-type': 'application/json', authorization },
    body: JSON.stringify(operationDeleted('call-1', 'op-1')),
  });

describe('key fetches after a failure', () => {
  it('the OpenID configuration is fetched once per cool-down, however many notifications come', async () => {
    await start(LONG_COOLDOWN_MS);
    for (let i = 0; i < FLOOD; i += 1) {
      const response = await post(`Bearer any-string-${i}`);
      expect(response.status).toBe(503);
      expect(graphErrorSchema.parse(response.json()).error.message).toContain('signing keys');
    }
    expect(flaky.configFetches).toBe(1);
  });

  it('the JWKS is fetched once per cool-down too, and a 500 from it is a 503, not a bad token', async () => {
    await start(LONG_COOLDOWN_MS);
    flaky.mode = 'jwks-fails';
    const token = await keys.sign();
    for (let i = 0; i < FLOOD; i += 1) {
      const response = await post(`Bearer ${token}`);
      expect(response.status).toBe(503);
    }
    expect(flaky.jwksFetches).toBe(1);
  });

  it('tries again once the cool-down is over, and then accepts good tokens', async () => {
    await start(SHORT_COOLDOWN_MS);
    expect((await post(`Bearer ${await keys.sign()}`)).status).toBe(503);
    flaky.mode = 'works';
    await new Promise((resolve) => setTimeout(resolve, SHORT_COOLDOWN_MS + 100));
    expect((await post(`Bearer ${await keys.sign()}`)).status).toBe(202);
    expect(flaky.configFetches).toBe(2);
  });
});

import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { graphErrorSchema } from '../src/graph/schemas';
import { startServer, type RunningServer } from './app';
import { testConfig } from './test-support/config';
import { rawRequest } from './test-support/http-client';
import { startNotificationKeys, type NotificationKeys } from './test-support/notification-keys';
import { connectRelay, settle, type RelayTestClient } from './test-support/relay-client';
import { operationDeleted } from './test-support/sample-notifications';
import { storedNotifications } from './test-support/stored';
import { throwawaySecret } from '../e2e/fake-graph/throwaway-secret';

const FORWARD_SECRET = throwawaySecret();
const BODY_LIMIT = 8 * 1024;

let keys: NotificationKeys;
let server: RunningServer;
let dataDir: string;
let watcher: RelayTestClient;

beforeAll(async () => {
  keys = await startNotificationKeys();
});
afterAll(async () => {
  await keys.close();
});

beforeEach(async () => {
  const config = testConfig({
    forwardSecret: FORWARD_SECRET,
    maxBodyBytes: BODY_LIMIT,
    notifications: { openIdConfigUrl: keys.openIdConfigUrl, jwksRefetchCooldownMs: 0 },
  });
  dataDir = config.dataDir;
  server = await startServer(config, { log: () => undefined });
  watcher = await connectRelay(server.port, 0);
});
afterEach(async () => {
  await watcher.close();
  await server.close();
});

const notificationJson = JSON.stringify(operationDeleted('call-1', 'op-1'));

function postCallback(authorization: string | undefined, body = notificationJson, headers: Record<string, string> = {}) {
  return rawRequest(server.port, {
    method: 'POST',
    path: '/api/calls',
    headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}), ...headers },
    body,
  });
}

async function expectRefusedAndDropped(status: number, response: { status: number; json(): unknown }) {
  expect(response.status).toBe(status);
  expect(graphErrorSchema.safeParse(response.json()).success).toBe(true);
  await settle();
  expect(watcher.notifications()).toEqual([]);
  expect(storedNotifications(dataDir)).toEqual([]);
}

describe('POST /api/calls (the callback URL)', () => {
  it('stores, answers 202 and relays a notification whose token verifies', async () => {
    const response = await postCallback(`Bearer ${await keys.sign()}`);
    expect(response.status).toBe(202);
    const stored = storedNotifications(dataDir);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ seq: 1, source: 'graph', verified: 1, body: notificationJson });
    const [relayed] = await watcher.waitForNotifications(1);
    expect(relayed).toMatchObject({ type: 'notification', seq: 1, verified: true, source: 'graph', body: JSON.parse(notificationJson) });
    expect(Date.parse(relayed?.receivedAt ?? '')).not.toBeNaN();
  });

  it('accepts the Graph issuer as well as Bot Framework', async () => {
    const response = await postCallback(`Bearer ${await keys.sign({ claims: { iss: 'https://graph.microsoft.com' } })}`);
    expect(response.status).toBe(202);
  });

  it('tolerates a small clock skew on exp', async () => {
    const response = await postCallback(`Bearer ${await keys.sign({ expiresInSeconds: -30 })}`);
    expect(response.status).toBe(202);
  });

  // Each with the reason the server gives, so a case cannot pass by failing for another reason.
  const badTokens: [string, () => Promise<string | undefined>, string][] = [
    ['no Authorization header', () => Promise.resolve(undefined), 'Missing bearer token'],
    ['a non-bearer Authorization', () => Promise.resolve('Basic dXNlcjpwYXNz'), 'Missing bearer token'],
    ['a forged signature', async () => `Bearer ${await keys.sign({ forged: true })}`, 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED'],
    ['an expired token', async () => `Bearer ${await keys.sign({ expiresInSeconds: -600 })}`, 'ERR_JWT_EXPIRED'],
    ['a token not valid yet', async () => `Bearer ${await keys.sign({ claims: { nbf: Math.floor(Date.now() / 1000) + 600 } })}`, '"nbf" claim'],
    ['a token without exp', async () => `Bearer ${await keys.sign({ claims: { exp: undefined } })}`, 'missing required "exp"'],
    ['the wrong audience', async () => `Bearer ${await keys.sign({ claims: { aud: 'someone-else' } })}`, 'unexpected "aud"'],
    ['the wrong issuer', async () => `Bearer ${await keys.sign({ claims: { iss: 'https://evil.example' } })}`, 'unexpected "iss"'],
    ['no tid claim', async () => `Bearer ${await keys.sign({ claims: { tid: undefined } })}`, 'missing required "tid"'],
    ['an empty tid claim', async () => `Bearer ${await keys.sign({ claims: { tid: '' } })}`, 'tid claim'],
    ['alg: none', () => Promise.resolve(`Bearer ${keys.unsigned()}`), 'ERR_JOSE_ALG_NOT_ALLOWED'],
    ['HS256', async () => `Bearer ${await keys.hs256()}`, 'ERR_JOSE_ALG_NOT_ALLOWED'],
    ['garbage', () => Promise.resolve('Bearer not.a.jwt'), 'ERR_JWS_INVALID'],
  ];
  for (const [name, token, reason] of badTokens) {
    it(`refuses ${name} with 403, stores and relays nothing`, async () => {
      const response = await postCallback(await token());
      expect(graphErrorSchema.parse(response.json()).error.message).toContain(reason);
      await expectRefusedAndDropped(403, response);
    });
  }

  it('follows a key rollover: an unknown kid makes it refetch the keys', async () => {
    expect((await postCallback(`Bearer ${await keys.sign()}`)).status).toBe(202);
    const fetchesBefore = keys.jwksFetches();
    await keys.rotate();
    expect((await postCallback(`Bearer ${await keys.sign({ rotated: true })}`)).status).toBe(202);
    expect(keys.jwksFetches()).toBe(fetchesBefore + 1);
  });

  it('refuses a body over the limit with 413, declared or not', async () => {
    const token = `Bearer ${await keys.sign()}`;
    const big = JSON.stringify({ value: [{ changeType: 'updated', resourceUrl: '/communications/calls/x', padding: 'x'.repeat(BODY_LIMIT) }] });
    await expectRefusedAndDropped(413, await postCallback(token, big));
    // Chunked: no Content-Length to refuse up front, so the limit applies while reading.
    await expectRefusedAndDropped(413, await postCallback(token, big, { 'transfer-encoding': 'chunked' }));
  });

  it('refuses what is not commsNotifications with 400 and the reason', async () => {
    const token = `Bearer ${await keys.sign()}`;
    const notJson = await postCallback(token, '{"value": [');
    await expectRefusedAndDropped(400, notJson);
    expect(JSON.stringify(notJson.json())).toContain('not JSON');

    const noValue = await postCallback(token, JSON.stringify({ hello: 'world' }));
    await expectRefusedAndDropped(400, noValue);
    expect(JSON.stringify(noValue.json())).toContain('value');

    const noResource = await postCallback(token, JSON.stringify({ value: [{ changeType: 'updated' }] }));
    await expectRefusedAndDropped(400, noResource);
    expect(JSON.stringify(noResource.json())).toContain('resourceUrl or resource');

    const badChangeType = await postCallback(token, JSON.stringify({ value: [{ changeType: 'exploded', resourceUrl: '/x' }] }));
    await expectRefusedAndDropped(400, badChangeType);
  });

  it('answers other methods with 405', async () => {
    const response = await rawRequest(server.port, { path: '/api/calls' });
    expect(response.status).toBe(405);
  });

  it('accepts notifications addressed to the PUBLIC_URL host', async () => {
    await server.close();
    server = await startServer(
      testConfig({ publicUrl: 'https://console.example.net', notifications: { openIdConfigUrl: keys.openIdConfigUrl } }),
      { log: () => undefined },
    );
    const token = `Bearer ${await keys.sign()}`;
    const response = await postCallback(token, notificationJson, { host: 'console.example.net', 'x-forwarded-for': '203.0.113.9' });
    expect(response.status).toBe(202);
    // ...and refuses them for any other host.
    expect((await postCallback(token, notificationJson, { host: 'attacker.example' })).status).toBe(403);
  });
});

describe('POST /api/forward (a bot passes notifications on)', () => {
  const forward = (headers: Record<string, string>, body = notificationJson) =>
    rawRequest(server.port, { method: 'POST', path: '/api/forward', headers: { 'content-type': 'application/json', ...headers }, body });

  it('refuses a wrong or missing secret with 403, storing and relaying nothing', async () => {
    await expectRefusedAndDropped(403, await forward({ 'x-forward-secret': throwawaySecret() }));
    await expectRefusedAndDropped(403, await forward({ 'x-forward-secret': `${FORWARD_SECRET}x` }));
    await expectRefusedAndDropped(403, await forward({}));
  });

  it('relays with source "forwarded", verified only when the original token verifies', async () => {
    expect((await forward({ 'x-forward-secret': FORWARD_SECRET })).status).toBe(202);
    expect((await forward({ 'x-forward-secret': FORWARD_SECRET, 'x-original-authorization': `Bearer ${await keys.sign()}` })).status).toBe(202);
    expect((await forward({ 'x-forward-secret': FORWARD_SECRET, 'x-original-authorization': `Bearer ${await keys.sign({ forged: true })}` })).status).toBe(202);
    const relayed = await watcher.waitForNotifications(3);
    expect(relayed.map(({ seq, source, verified }) => ({ seq, source, verified }))).toEqual([
      { seq: 1, source: 'forwarded', verified: false },
      { seq: 2, source: 'forwarded', verified: true },
      { seq: 3, source: 'forwarded', verified: false },
    ]);
    expect(storedNotifications(dataDir).map((row) => row.verified)).toEqual([0, 1, 0]);
  });

  it('applies the body limit and the schema', async () => {
    const headers = { 'x-forward-secret': FORWARD_SECRET };
    await expectRefusedAndDropped(413, await forward(headers, JSON.stringify({ value: [{ changeType: 'updated', resourceUrl: 'x'.repeat(BODY_LIMIT) }] })));
    await expectRefusedAndDropped(400, await forward(headers, '[]'));
  });

  it('is off (404, saying how to turn it on) when FORWARD_SECRET is not set', async () => {
    await server.close();
    server = await startServer(testConfig({ notifications: { openIdConfigUrl: keys.openIdConfigUrl } }), { log: () => undefined });
    const response = await forward({ 'x-forward-secret': FORWARD_SECRET });
    expect(response.status).toBe(404);
    expect(response.text).toContain('FORWARD_SECRET');
  });
});

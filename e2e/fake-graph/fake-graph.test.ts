/**
 * The fake Graph over real TLS, seen as the console sees it: MSAL fetches the
 * app token, Graph answers from the simulator, and notifications arrive signed
 * with a key the served JWKS publishes. Trust in the certificate comes from
 * vitest-global-setup.ts, as it will for the server's own tests.
 */
import { X509Certificate } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConfidentialClientApplication } from '@azure/msal-node';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { generate } from 'selfsigned';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { startFakeGraph } from './fake-graph';
import type { FakeGraph } from './fake-graph';
import { NOTIFICATION_ISSUER } from './notification-signer';
import { loadTestTls } from './test-tls';
import { GRAPH_SCOPE } from './token-authority';

const app = { tenantId: '6f1a3c2e-0000-4000-8000-00000000aa01', clientId: '0c5e9b7d-0000-4000-8000-00000000bb02', clientSecret: 'test-secret~1' };

interface Received {
  headers: IncomingHttpHeaders;
  body: { value: Record<string, unknown>[] };
}

/** A stand-in for the console's notification callback. */
async function startCallback(): Promise<{ url: string; received: Received[]; close(): Promise<void> }> {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({ headers: req.headers, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Received['body'] });
      res.writeHead(202).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/calls`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

type Credential = { clientSecret: string } | { clientCertificate: { privateKey: string; thumbprintSha256: string } };

/** An app credential certificate as a developer makes one: RSA, since MSAL signs assertions with PS256. */
async function appCertificate(): Promise<{ cert: string; privateKey: string; thumbprintSha256: string }> {
  const pems = await generate([{ name: 'commonName', value: 'comms-console-test-app' }], { keySize: 2048, algorithm: 'sha256' });
  return { cert: pems.cert, privateKey: pems.private, thumbprintSha256: new X509Certificate(pems.cert).fingerprint256.replaceAll(':', '') };
}

function msalFor(graph: FakeGraph, credential: Credential = { clientSecret: app.clientSecret }): ConfidentialClientApplication {
  return new ConfidentialClientApplication({
    auth: {
      clientId: app.clientId,
      ...credential,
      authority: `${graph.url}/${app.tenantId}`,
      // Without it MSAL asks login.microsoftonline.com whether the authority is a real cloud.
      knownAuthorities: [new URL(graph.url).host],
    },
  });
}

describe('fake Graph', () => {
  let graph: FakeGraph;
  let callback: Awaited<ReturnType<typeof startCallback>>;
  let registered: Awaited<ReturnType<typeof appCertificate>>;
  const logged: string[] = [];

  beforeAll(async () => {
    [callback, registered] = await Promise.all([startCallback(), appCertificate()]);
    graph = await startFakeGraph({
      ...app,
      clientCertificate: registered.cert,
      callbackUrl: callback.url,
      tickMs: 20,
      tls: loadTestTls(),
      log: (line) => logged.push(line),
    });
  });

  afterAll(async () => {
    await graph.close();
    await callback.close();
  });

  afterEach(() => {
    expect(logged, 'nothing went wrong on the fake side').toEqual([]);
  });

  async function accessToken(): Promise<string> {
    const result = await msalFor(graph).acquireTokenByClientCredential({ scopes: [GRAPH_SCOPE] });
    if (!result) throw new Error('MSAL returned no token');
    return result.accessToken;
  }

  test('MSAL gets an app token from it, and serves a second request from its cache', async () => {
    const msal = msalFor(graph);
    const first = await msal.acquireTokenByClientCredential({ scopes: [GRAPH_SCOPE] });
    const second = await msal.acquireTokenByClientCredential({ scopes: [GRAPH_SCOPE] });
    expect(first?.accessToken).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(first?.fromCache).toBe(false);
    expect(second?.fromCache).toBe(true);
    expect(second?.accessToken).toBe(first?.accessToken);
    expect(graph.tokenRequests()).toBe(1);
  });

  test('a wrong secret is refused the way AAD refuses it', async () => {
    const before = graph.tokenRequests();
    await expect(msalFor(graph, { clientSecret: 'not-the-secret' }).acquireTokenByClientCredential({ scopes: [GRAPH_SCOPE] })).rejects.toMatchObject({
      errorCode: 'invalid_client',
    });
    const response = await fetch(`${graph.url}/${app.tenantId}/oauth2/v2.0/token`, {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: app.clientId, client_secret: 'nope', scope: GRAPH_SCOPE }),
    });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: 'invalid_client', error_codes: [7000215] });
    expect(graph.tokenRequests()).toBe(before + 2);
  });

  test('MSAL with the registered certificate gets a token; another certificate is refused', async () => {
    const { privateKey, thumbprintSha256 } = registered;
    const token = await msalFor(graph, { clientCertificate: { privateKey, thumbprintSha256 } }).acquireTokenByClientCredential({ scopes: [GRAPH_SCOPE] });
    expect(token?.accessToken).toBeTruthy();
    const stranger = await appCertificate();
    const refused = msalFor(graph, { clientCertificate: { privateKey: stranger.privateKey, thumbprintSha256: stranger.thumbprintSha256 } });
    await expect(refused.acquireTokenByClientCredential({ scopes: [GRAPH_SCOPE] })).rejects.toMatchObject({ errorCode: 'invalid_client' });
  });

  test('Graph refuses a request without a token it issued', async () => {
    const callId = graph.simulator.knownCalls()[0]?.id ?? '';
    for (const authorization of [undefined, 'Bearer made.up.token']) {
      const response = await fetch(`${graph.url}/v1.0/communications/calls/${callId}`, { headers: authorization ? { authorization } : {} });
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ error: { code: 'InvalidAuthenticationToken' } });
    }
  });

  test('a cancel answers as the simulator says, and its notifications arrive signed with a published key', async () => {
    const token = await accessToken();
    const call = graph.simulator.knownCalls().find((known) => known.runningMedia === 'recordResponse');
    if (!call) throw new Error('the seeded tenant has a call recording');
    const response = await fetch(`${graph.url}/v1.0/communications/calls/${call.id}/cancelMediaProcessing`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'client-request-id': 'req-1' },
      body: JSON.stringify({ clientContext: 'stop-everything' }),
    });
    expect(response.status).toBe(200);
    const operation = (await response.json()) as { id: string };
    expect(operation).toMatchObject({ '@odata.type': '#microsoft.graph.cancelMediaProcessingOperation', status: 'completed', clientContext: 'stop-everything' });
    expect(response.headers.get('location')).toBe(`${graph.url}/v1.0/communications/calls/${call.id}/operations/${operation.id}`);
    expect(response.headers.get('client-request-id')).toBe('req-1');
    expect(graph.graphRequests.at(-1)).toMatchObject({ method: 'POST', path: `/v1.0/communications/calls/${call.id}/cancelMediaProcessing` });
    expect(graph.graphRequests.at(-1)?.headers.authorization).toBe(`Bearer ${token}`);

    await graph.settled();
    // The running recording and the two queued prompts, each reported cancelled; the tone subscription never is.
    expect(callback.received.map((r) => r.body.value[0]?.resourceData)).toEqual([
      // v1.0 does not declare completionReason: the cancelled recording says so only by 400/8508.
      expect.objectContaining({ '@odata.type': '#microsoft.graph.recordOperation', status: 'failed', resultInfo: expect.objectContaining({ subcode: 8508 }) }),
      expect.objectContaining({ '@odata.type': '#microsoft.graph.playPromptOperation', status: 'failed', clientContext: 'welcome-prompt' }),
      expect.objectContaining({ '@odata.type': '#microsoft.graph.playPromptOperation', status: 'failed', clientContext: 'menu-prompt' }),
    ]);
    expect(graph.deliveries.map((d) => d.status)).toEqual([202, 202, 202]);

    const openId = (await (await fetch(graph.openIdConfigUrl)).json()) as { jwks_uri: string };
    const keys = createRemoteJWKSet(new URL(openId.jwks_uri));
    for (const { headers } of callback.received) {
      const bearer = /^Bearer (.+)$/.exec(headers.authorization ?? '')?.[1] ?? '';
      const { payload } = await jwtVerify(bearer, keys, { issuer: NOTIFICATION_ISSUER, audience: app.clientId, algorithms: ['RS256'] });
      expect(payload.tid).toBe(app.tenantId);
    }
  });

  test('forged and expired notification tokens do not verify against the served keys', async () => {
    const openId = (await (await fetch(graph.openIdConfigUrl)).json()) as { jwks_uri: string };
    const keys = createRemoteJWKSet(new URL(openId.jwks_uri));
    const verify = (token: string) => jwtVerify(token, keys, { issuer: NOTIFICATION_ISSUER, audience: app.clientId, algorithms: ['RS256'] });
    await expect(verify(await graph.signNotificationToken())).resolves.toBeDefined();
    await expect(verify(await graph.signNotificationToken({ key: 'stranger' }))).rejects.toMatchObject({ code: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED' });
    await expect(verify(await graph.signNotificationToken({ expiresInSeconds: -60 }))).rejects.toMatchObject({ code: 'ERR_JWT_EXPIRED' });
    await expect(verify(await graph.signNotificationToken({ claims: { aud: 'someone-else' } }))).rejects.toMatchObject({ code: 'ERR_JWT_CLAIM_VALIDATION_FAILED' });
    const { payload } = await verify(await graph.signNotificationToken({ claims: { tid: undefined } }));
    expect(payload).not.toHaveProperty('tid');
  });

  test('failNext makes the next answers fail as asked, then Graph answers again', async () => {
    const token = await accessToken();
    const callId = graph.simulator.knownCalls()[1]?.id ?? '';
    graph.failNext(2, 429, { 'Retry-After': '3' });
    const get = () => fetch(`${graph.url}/beta/communications/calls/${callId}`, { headers: { authorization: `Bearer ${token}` } });
    for (let i = 0; i < 2; i += 1) {
      const throttled = await get();
      expect(throttled.status).toBe(429);
      expect(throttled.headers.get('retry-after')).toBe('3');
      expect(await throttled.json()).toMatchObject({ error: { code: 'TooManyRequests' } });
    }
    expect((await get()).status).toBe(200);
  });

  test('the 2018 beta form answers 202 with no body', async () => {
    const token = await accessToken();
    const callId = graph.simulator.knownCalls()[1]?.id ?? '';
    const response = await fetch(`${graph.url}/beta/app/calls/${callId}/cancelMediaProcessing`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ all: true, clientContext: 'legacy' }),
    });
    expect(response.status).toBe(202);
    expect(await response.text()).toBe('');
    expect(response.headers.get('location')).toMatch(new RegExp(`^${graph.url}/beta/app/calls/${callId}/operations/`));
  });
});

test('a notification the callback cannot take is retried, then dropped and logged', async () => {
  const logged: string[] = [];
  // A port that was just free: nothing listens there.
  const closed = await startCallback();
  await closed.close();
  const graph = await startFakeGraph({ ...app, callbackUrl: closed.url, tickMs: 20, tls: loadTestTls(), log: (line) => logged.push(line) });
  try {
    // An idle call: the 2018 cancel reports itself in exactly one notification, and nothing follows it.
    const call = graph.simulator.getCall(graph.simulator.knownCalls()[1]?.id ?? '');
    if (!call) throw new Error('no seeded call');
    graph.simulator.cancelMediaProcessing(call, { all: true, clientContext: '', version: 'beta-2018' });
    await graph.settled();
    expect(graph.deliveries).toEqual([expect.objectContaining({ status: 'dropped' })]);
    expect(logged).toEqual([expect.stringMatching(/dropped after 4 attempts/)]);
  } finally {
    await graph.close();
  }
});

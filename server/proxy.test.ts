import { createServer } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isGuid } from '../src/graph/ids';
import { graphErrorSchema } from '../src/graph/schemas';
import { startServer, type RunningServer } from './app';
import { testConfig, TEST_CLIENT_ID, type ConfigOverrides } from './test-support/config';
import { answerJson, startFakeUpstream, type FakeUpstream } from './test-support/fake-upstream';
import { rawRequest } from './test-support/http-client';

const GRAPH_TOKEN = 'app-only-token-from-the-test';
const CALL = '57dab8b1-894c-409a-b240-bd8beae78896';
const OPERATION = '0fe0623f-d628-42ed-b4bd-8ac290072cc5';

let upstream: FakeUpstream;
let server: RunningServer;
let tokenRequests: number;

async function start(overrides: ConfigOverrides = {}, getGraphToken?: () => Promise<string>) {
  server = await startServer(testConfig({ maxBodyBytes: 4096, ...overrides, graph: { baseUrl: upstream.url, ...overrides.graph } }), {
    log: () => undefined,
    getGraphToken:
      getGraphToken ??
      (() => {
        tokenRequests += 1;
        return Promise.resolve(GRAPH_TOKEN);
      }),
  });
}

beforeEach(async () => {
  tokenRequests = 0;
  upstream = await startFakeUpstream();
  await start();
});
afterEach(async () => {
  await server.close();
  await upstream.close();
});

const graphRequest = (method: string, path: string, headers: Record<string, string> = {}, body?: string) =>
  rawRequest(server.port, { method, path, headers, body });

describe('the /graph proxy forwards what the console needs', () => {
  it('forwards a cancel with the app token, and passes Graph\'s answer back unchanged', async () => {
    const answer = { '@odata.type': '#microsoft.graph.cancelMediaProcessingOperation', status: 'completed', clientContext: 'c1', id: OPERATION };
    const location = `https://graph.microsoft.com/v1.0/communications/calls/${CALL}/operations/${OPERATION}`;
    upstream.answerWith(answerJson(200, answer, { location, 'request-id': 'graph-request-id', 'x-internal-thing': 'dropped' }));

    const response = await graphRequest(
      'POST',
      `/graph/v1.0/communications/calls/${CALL}/cancelMediaProcessing`,
      { 'content-type': 'application/json', cookie: 'session=browser-cookie', authorization: 'Bearer from-the-browser' },
      JSON.stringify({ clientContext: 'c1' }),
    );

    expect(response.status).toBe(200);
    expect(response.json()).toEqual(answer);
    expect(response.headers.location).toBe(location);
    expect(response.headers['request-id']).toBe('graph-request-id');
    expect(response.headers['content-type']).toBe('application/json');
    expect(response.headers['x-internal-thing']).toBeUndefined();
    expect(response.text).not.toContain(GRAPH_TOKEN);

    expect(upstream.requests).toHaveLength(1);
    const [sent] = upstream.requests;
    expect(sent?.method).toBe('POST');
    expect(sent?.url).toBe(`/v1.0/communications/calls/${CALL}/cancelMediaProcessing`);
    expect(sent?.headers.authorization).toBe(`Bearer ${GRAPH_TOKEN}`);
    expect(sent?.headers.cookie).toBeUndefined();
    expect(sent?.body).toBe(JSON.stringify({ clientContext: 'c1' }));
    // No client-request-id from the browser: the proxy makes one, and says which.
    const clientRequestId = sent?.headers['client-request-id'];
    expect(typeof clientRequestId === 'string' && isGuid(clientRequestId)).toBe(true);
    expect(response.headers['client-request-id']).toBe(clientRequestId);
  });

  it("keeps the browser's client-request-id", async () => {
    const id = '3c5b9f0e-1d2a-4b3c-8d4e-5f6a7b8c9d0e';
    const response = await graphRequest('GET', `/graph/v1.0/communications/calls/${CALL}/operations/${OPERATION}`, { 'client-request-id': id });
    expect(response.status).toBe(200);
    expect(upstream.requests[0]?.headers['client-request-id']).toBe(id);
  });

  it("passes Graph's errors through: status, body, Retry-After", async () => {
    const throttled = { error: { code: 'TooManyRequests', message: 'slow down' } };
    upstream.answerWith(answerJson(429, throttled, { 'retry-after': '7' }));
    const response = await graphRequest('POST', `/graph/beta/communications/calls/${CALL}/cancelMediaProcessing`, { 'content-type': 'application/json' }, '{}');
    expect(response.status).toBe(429);
    expect(response.headers['retry-after']).toBe('7');
    expect(response.json()).toEqual(throttled);
  });

  it('passes a 202 without a body (the 2018 beta answer) through', async () => {
    upstream.answerWith((_request, res) => {
      res.writeHead(202, { location: `https://graph.microsoft.com/beta/app/calls/${CALL}/operations/${OPERATION}` });
      res.end();
    });
    const response = await graphRequest('POST', `/graph/beta/app/calls/${CALL}/cancelMediaProcessing`, { 'content-type': 'application/json' }, '{"all":true}');
    expect(response.status).toBe(202);
    expect(response.text).toBe('');
    expect(response.headers.location).toContain(`/operations/${OPERATION}`);
  });

  const allowed: [string, string][] = [
    ['GET', `/v1.0/communications/calls/${CALL}`],
    ['POST', `/v1.0/communications/calls/${CALL}/playPrompt`],
    ['GET', `/beta/communications/calls/${CALL}/operations/${OPERATION}`],
    ['GET', `/v1.0/communications/calls/${CALL}/participants`],
    ['GET', `/v1.0/communications/calls/${CALL}/participants/${OPERATION}`],
    ['POST', `/beta/app/calls/${CALL}/cancelMediaProcessing`],
    ['POST', `/beta/applications/${TEST_CLIENT_ID}/calls/${CALL}/cancelMediaProcessing`],
    ['GET', '/v1.0/users/adele@contoso.com'],
    ['GET', `/v1.0/users/${OPERATION}?$select=displayName,mail`],
    ['GET', `/beta/users/${OPERATION}/photo/$value`],
    ['GET', `/v1.0/users/${OPERATION}/photo`],
  ];
  for (const [method, path] of allowed) {
    it(`forwards ${method} ${path}`, async () => {
      const response = await graphRequest(method, `/graph${path}`, method === 'POST' ? { 'content-type': 'application/json' } : {}, method === 'POST' ? '{}' : undefined);
      expect(response.status).toBe(200);
      expect(upstream.requests.map((request) => `${request.method} ${request.url}`)).toEqual([`${method} ${path}`]);
    });
  }

  it('answers /me itself, describing the app, so mgt counts as signed in', async () => {
    for (const version of ['v1.0', 'beta']) {
      const response = await graphRequest('GET', `/graph/${version}/me`);
      expect(response.status).toBe(200);
      expect(response.json()).toMatchObject({ id: TEST_CLIENT_ID, displayName: 'Comms Console app' });
    }
    expect((await graphRequest('GET', '/graph/v1.0/me/photo/$value')).status).toBe(404);
    expect((await graphRequest('GET', '/graph/v1.0/me/photo')).status).toBe(404);
    expect(upstream.requests).toEqual([]);
    expect(tokenRequests).toBe(0);
  });

  it('asks the token source on every request (MSAL caches; see graph-token.test.ts)', async () => {
    await graphRequest('GET', `/graph/v1.0/communications/calls/${CALL}`);
    await graphRequest('GET', `/graph/v1.0/communications/calls/${CALL}`);
    expect(tokenRequests).toBe(2);
    expect(upstream.requests.every((request) => request.headers.authorization === `Bearer ${GRAPH_TOKEN}`)).toBe(true);
  });
});

describe('the /graph proxy refuses everything else, whatever its encoding', () => {
  const foreign: [string, string][] = [
    // Traversal out of an allowed prefix, in every spelling.
    ['GET', `/graph/v1.0/communications/calls/${CALL}/../../../groups`],
    ['GET', `/graph/v1.0/communications/calls/${CALL}/./operations/${OPERATION}`],
    ['GET', `/graph/v1.0/communications/calls/${CALL}/%2e%2e/%2e%2e/%2e%2e/groups`],
    ['GET', `/graph/v1.0/communications/calls/${CALL}/%2E%2E/%2E%2E/%2E%2E/groups`],
    ['GET', `/graph/v1.0/communications/calls/${CALL}/.%2e/.%2e/.%2e/groups`],
    ['GET', `/graph/v1.0/communications/calls/${CALL}%2f..%2f..%2f..%2fgroups`],
    ['GET', `/graph/v1.0/communications/calls/${CALL}%2F..%2F..%2F..%2Fgroups`],
    ['GET', `/graph/v1.0/communications/calls/%252e%252e/%252e%252e/groups`],
    ['GET', `/graph/v1.0/communications/calls/${CALL}%252f..%252f..%252fgroups`],
    ['GET', `/graph/v1.0/communications/calls/${CALL}%5c..%5c..%5c..%5cgroups`],
    ['GET', `/graph/v1.0/communications/calls/${CALL}\\..\\..\\..\\groups`],
    ['GET', `/graph/v1.0/communications/calls/${CALL}/operations/${OPERATION}/../../../../../groups`],
    ['GET', `/graph/v1.0/users/${OPERATION}/photo/$value/../../../../../groups`],
    ['GET', `/graph/v1.0/users/..%2fgroups`],
    ['GET', `/graph/%2e%2e/v1.0/groups`],
    ['GET', `/graph/v1.0//groups`],
    ['GET', `/graph/v1.0/communications/calls/${CALL}/%00`],
    ['GET', `/graph/v1.0/communications/calls/${CALL}/%0d%0aHost:evil`],
    // Absolute URLs smuggled into the path.
    ['GET', '/graph/https://evil.example/v1.0/communications/calls/x'],
    ['GET', '/graph//evil.example/v1.0/communications/calls/x'],
    ['GET', '/graph/https:%2f%2fevil.example/v1.0/communications/calls/x'],
    ['GET', '/graph/v1.0/users/@evil.example'],
    // Foreign resources and shapes.
    ['GET', '/graph/v1.0/groups'],
    ['GET', '/graph/v1.0/users'],
    ['GET', '/graph/v1.0/users/delta()'],
    ['GET', '/graph/beta/servicePrincipals'],
    ['GET', '/graph/v1.0/me/messages'],
    ['GET', '/graph/v2.0/communications/calls/x'],
    ['GET', '/graph/V1.0/communications/calls/x'],
    ['GET', '/graph/v1.0/communications/onlineMeetings/x'],
    ['POST', '/graph/v1.0/communications/calls'],
    ['POST', '/graph/v1.0/communications/calls/logTeleconferenceDeviceQuality'],
    ['POST', `/graph/v1.0/app/calls/${CALL}/cancelMediaProcessing`],
    ['GET', `/graph/v1.0/communications/calls/${CALL}/operations`],
    ['GET', `/graph/v1.0/communications/calls/${CALL}/cancelMediaProcessing`],
    ['PATCH', '/graph/v1.0/users/adele@contoso.com'],
    ['DELETE', '/graph/v1.0/users/adele@contoso.com'],
    // Hanging up, updating calls and acting on participants are not what the console is for.
    ['DELETE', `/graph/v1.0/communications/calls/${CALL}`],
    ['PATCH', `/graph/v1.0/communications/calls/${CALL}`],
    ['POST', `/graph/v1.0/communications/calls/${CALL}/participants/invite`],
    ['POST', `/graph/v1.0/communications/calls/${CALL}/participants/${OPERATION}/mute`],
    ['DELETE', `/graph/v1.0/communications/calls/${CALL}/participants/${OPERATION}`],
    ['GET', '/graph/v1.0/users/adele@contoso.com/manager'],
    ['GET', '/graph/v1.0/users/adele@contoso.com?$expand=manager'],
    ['POST', `/graph/v1.0/communications/calls/${CALL}/cancelMediaProcessing?$select=id`],
    ['GET', '/graph'],
    ['GET', '/graph/'],
  ];
  for (const [method, path] of foreign) {
    it(`403 ${method} ${path}`, async () => {
      const response = await graphRequest(method, path, method === 'POST' ? { 'content-type': 'application/json' } : {}, method === 'POST' ? '{}' : undefined);
      expect(response.status).toBe(403);
      expect(graphErrorSchema.safeParse(response.json()).success).toBe(true);
      expect(upstream.requests).toEqual([]);
      expect(tokenRequests).toBe(0);
    });
  }

  it('refuses absolute-form request targets outright', async () => {
    for (const target of [`http://127.0.0.1:${server.port}/graph/v1.0/groups`, 'http://graph.microsoft.com/v1.0/groups']) {
      const response = await graphRequest('GET', target);
      expect(response.status).toBe(400);
    }
    expect(upstream.requests).toEqual([]);
  });

  it('never reaches Graph through a path that is not under /graph', async () => {
    const response = await graphRequest('GET', '/%67raph/v1.0/groups');
    expect(response.status).not.toBe(403); // it is just the SPA's fallback page
    expect(upstream.requests).toEqual([]);
  });
});

describe('JSON batches (mgt fetches a user and their photo in one)', () => {
  const postBatch = (requests: unknown[], version = 'v1.0') =>
    graphRequest('POST', `/graph/${version}/$batch`, { 'content-type': 'application/json' }, JSON.stringify({ requests }));

  it("forwards mgt's batch, rebuilt from the checked requests", async () => {
    const answer = { responses: [{ id: 'user', status: 200, body: { id: OPERATION } }] };
    upstream.answerWith(answerJson(200, answer));
    const response = await postBatch([
      { id: 'user', method: 'GET', url: `/users/${OPERATION}?$select=displayName,mail`, headers: { 'x-sneaky': 'dropped' } },
      { id: 'photo', method: 'GET', url: `users/${OPERATION}/photo/$value` },
    ]);
    expect(response.status).toBe(200);
    expect(response.json()).toEqual(answer);
    expect(upstream.requests).toHaveLength(1);
    expect(upstream.requests[0]?.url).toBe('/v1.0/$batch');
    expect(JSON.parse(upstream.requests[0]?.body ?? '')).toEqual({
      requests: [
        { id: 'user', method: 'GET', url: `/users/${OPERATION}?$select=displayName,mail` },
        { id: 'photo', method: 'GET', url: `/users/${OPERATION}/photo/$value` },
      ],
    });
  });

  const refusedInside: [string, unknown][] = [
    ['a foreign resource', { id: '1', method: 'GET', url: '/groups' }],
    ['a write', { id: '1', method: 'POST', url: `/communications/calls/${CALL}/cancelMediaProcessing` }],
    ['a traversal', { id: '1', method: 'GET', url: `/users/${OPERATION}/../../groups` }],
    ['an encoded traversal', { id: '1', method: 'GET', url: `/users/${OPERATION}%2f..%2f..%2fgroups` }],
    ['an absolute URL', { id: '1', method: 'GET', url: 'https://evil.example/v1.0/users/x' }],
    ['a query beyond $select', { id: '1', method: 'GET', url: `/users/${OPERATION}?$expand=manager` }],
    ['/me (answered by the console, not Graph)', { id: '1', method: 'GET', url: 'me' }],
  ];
  for (const [name, inner] of refusedInside) {
    it(`refuses a batch holding ${name}, and forwards nothing`, async () => {
      const response = await postBatch([{ id: 'ok', method: 'GET', url: `/users/${OPERATION}` }, inner]);
      expect(response.status).toBe(403);
      expect(graphErrorSchema.safeParse(response.json()).success).toBe(true);
      expect(upstream.requests).toEqual([]);
    });
  }

  it('refuses what is not a batch with 400', async () => {
    expect((await graphRequest('POST', '/graph/v1.0/$batch', { 'content-type': 'application/json' }, 'nope')).status).toBe(400);
    expect((await postBatch([])).status).toBe(400);
    expect((await graphRequest('GET', '/graph/v1.0/$batch')).status).toBe(403);
    expect(upstream.requests).toEqual([]);
  });
});

describe('the /graph proxy when things go wrong', () => {
  it('refuses a body over the limit with 413 and forwards nothing', async () => {
    const response = await graphRequest('POST', `/graph/v1.0/communications/calls/${CALL}/cancelMediaProcessing`, { 'content-type': 'application/json' }, JSON.stringify({ clientContext: 'x'.repeat(5000) }));
    expect(response.status).toBe(413);
    expect(graphErrorSchema.safeParse(response.json()).success).toBe(true);
    expect(upstream.requests).toEqual([]);
  });

  it('turns an upstream timeout into 504 naming the cause', async () => {
    await server.close();
    await start({ graph: { timeoutMs: 300 } });
    upstream.answerWith(() => undefined); // never answers
    const response = await graphRequest('GET', `/graph/v1.0/communications/calls/${CALL}`);
    expect(response.status).toBe(504);
    const { error } = graphErrorSchema.parse(response.json());
    expect(error.message).toContain('did not answer within 300 ms');
    expect(error.message).toContain('GRAPH_TIMEOUT_MS');
  });

  it('turns a network error into 502 naming the cause, never the token', async () => {
    const closedPort = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as { port: number };
        probe.close(() => resolve(port));
      });
    });
    await server.close();
    await start({ graph: { baseUrl: `http://127.0.0.1:${closedPort}` } });
    const response = await graphRequest('GET', `/graph/v1.0/communications/calls/${CALL}`);
    expect(response.status).toBe(502);
    expect(graphErrorSchema.parse(response.json()).error.message).toContain('ECONNREFUSED');
    expect(response.text).not.toContain(GRAPH_TOKEN);
  });

  it('turns a token failure into 502 with the authority\'s reason', async () => {
    await server.close();
    await start({}, () => Promise.reject(new Error('AADSTS7000215: Invalid client secret provided.')));
    const response = await graphRequest('GET', `/graph/v1.0/communications/calls/${CALL}`);
    expect(response.status).toBe(502);
    expect(graphErrorSchema.parse(response.json()).error.message).toContain('AADSTS7000215');
    expect(upstream.requests).toEqual([]);
  });

  it('answers 503 naming the missing variables when live mode is off', async () => {
    await server.close();
    await start({ graph: { clientId: undefined, credential: undefined } });
    const response = await graphRequest('GET', `/graph/v1.0/communications/calls/${CALL}`);
    expect(response.status).toBe(503);
    const { message } = graphErrorSchema.parse(response.json()).error;
    expect(message).toContain('GRAPH_CLIENT_ID');
    expect(message).toContain('GRAPH_CLIENT_SECRET');
    expect(upstream.requests).toEqual([]);
  });
});

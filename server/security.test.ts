import { afterEach, describe, expect, it } from 'vitest';
import { consoleConfigSchema } from '../src/graph/console';
import { startServer, type RunningServer } from './app';
import { testConfig, TEST_CLIENT_ID, type ConfigOverrides } from './test-support/config';
import { startFakeUpstream, type FakeUpstream } from './test-support/fake-upstream';
import { rawRequest } from './test-support/http-client';
import { connectRelay } from './test-support/relay-client';

let server: RunningServer | undefined;
let upstream: FakeUpstream | undefined;
afterEach(async () => {
  await server?.close();
  await upstream?.close();
  server = undefined;
  upstream = undefined;
});

async function start(overrides: ConfigOverrides = {}) {
  upstream = await startFakeUpstream();
  server = await startServer(testConfig({ ...overrides, graph: { baseUrl: upstream.url, ...overrides.graph } }), {
    log: () => undefined,
    getGraphToken: () => Promise.resolve('token'),
  });
  return server;
}

const get = (path: string, headers: Record<string, string> = {}) => {
  if (!server) throw new Error('start() first');
  return rawRequest(server.port, { path, headers });
};

describe('Host checks (DNS rebinding)', () => {
  it('answers the local names of the console', async () => {
    const { port } = await start();
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`, `LOCALHOST:${port}`]) {
      expect((await get('/', { host })).status).toBe(200);
      expect((await get('/api/config', { host })).status).toBe(200);
    }
  });

  it('refuses any other Host on every local surface, and forwards nothing', async () => {
    const { port } = await start({ publicUrl: 'https://console.example.net' });
    for (const host of ['evil.example', `evil.example:${port}`, `127.0.0.1:${port + 1}`, '127.0.0.1', 'console.example.net']) {
      for (const path of ['/', '/index.html', '/api/config', '/api/known-calls', '/graph/v1.0/communications/calls/abc']) {
        const response = await get(path, { host });
        expect(response.status, `${host} ${path}`).toBe(403);
      }
      await expect(connectRelay(port, 0, { headers: { host } })).rejects.toThrow('403');
    }
    expect(upstream?.requests).toEqual([]);
  });

  it('refuses local surfaces to requests that came through a proxy or tunnel', async () => {
    await start();
    for (const header of ['x-forwarded-for', 'forwarded', 'x-forwarded-host', 'x-real-ip', 'via', 'cf-connecting-ip', 'x-forwarded-proto', 'true-client-ip']) {
      expect((await get('/api/config', { [header]: '203.0.113.9' })).status).toBe(403);
      expect((await get('/graph/v1.0/communications/calls/abc', { [header]: '203.0.113.9' })).status).toBe(403);
    }
    expect(upstream?.requests).toEqual([]);
  });
});

describe('Origin checks (other sites in the same browser)', () => {
  it('refuses a foreign Origin on /graph, /api and /relay', async () => {
    const { port } = await start();
    for (const origin of ['http://evil.example', `http://localhost:${port + 1}`, `https://127.0.0.1:${port}`, 'null']) {
      expect((await get('/api/config', { origin })).status).toBe(403);
      expect((await get('/api/known-calls', { origin })).status).toBe(403);
      expect((await get('/graph/v1.0/communications/calls/abc', { origin })).status).toBe(403);
      const callback = await rawRequest(port, { method: 'POST', path: '/api/calls', headers: { origin, 'content-type': 'application/json' }, body: '{}' });
      expect(callback.status).toBe(403);
      await expect(connectRelay(port, 0, { headers: { origin } })).rejects.toThrow('403');
    }
    expect(upstream?.requests).toEqual([]);
  });

  it('refuses cross-site requests by Sec-Fetch-Site even without an Origin', async () => {
    await start();
    expect((await get('/graph/v1.0/communications/calls/abc', { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect((await get('/api/config', { 'sec-fetch-site': 'same-site' })).status).toBe(403);
    expect(upstream?.requests).toEqual([]);
    // Opening the UI from a link elsewhere is fine.
    expect((await get('/', { 'sec-fetch-site': 'cross-site' })).status).toBe(200);
  });

  it('accepts same-origin requests', async () => {
    const { port } = await start();
    const origin = `http://127.0.0.1:${port}`;
    expect((await get('/api/config', { origin, 'sec-fetch-site': 'same-origin' })).status).toBe(200);
    expect((await get('/graph/v1.0/communications/calls/abc', { origin })).status).toBe(200);
    const client = await connectRelay(port, 0, { headers: { origin } });
    await client.close();
  });
});

describe('the console access token (when listening beyond loopback)', () => {
  const token = 'console-token-for-the-tests-0123456789';

  it('is required on local surfaces, and kept in a cookie after the printed URL is opened', async () => {
    const { port, url } = await start({ consoleAccessToken: token });
    expect(url).toBe(`http://127.0.0.1:${port}/?token=${token}`);
    expect((await get('/')).status).toBe(401);
    expect((await get('/api/config')).status).toBe(401);
    expect((await get('/graph/v1.0/communications/calls/abc')).status).toBe(401);
    expect((await get('/api/config', { 'x-console-token': 'wrong' })).status).toBe(401);
    await expect(connectRelay(port, 0)).rejects.toThrow('401');

    const opened = await get(`/?token=${token}`);
    expect(opened.status).toBe(303);
    expect(opened.headers.location).toBe('/');
    const setCookie = String(opened.headers['set-cookie']);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Strict');
    const cookie = setCookie.split(';')[0] ?? '';
    expect((await get('/', { cookie })).status).toBe(200);
    expect((await get('/api/config', { cookie })).status).toBe(200);
    expect((await get('/api/config', { 'x-console-token': token })).status).toBe(200);
    const client = await connectRelay(port, 0, { headers: { cookie } });
    await client.close();
  });

  it('never redirects to another site after taking the token', async () => {
    await start({ consoleAccessToken: token });
    const opened = await get(`//evil.example/path?token=${token}`);
    expect(opened.status).toBe(303);
    expect(opened.headers.location).toBe('/evil.example/path');
  });

  it('does not guard the public notification endpoints (their own guards do)', async () => {
    const { port } = await start({ consoleAccessToken: token });
    const response = await rawRequest(port, { method: 'POST', path: '/api/calls', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(response.status).toBe(403); // refused for its missing JWT, not for the console token
    expect(response.text).toContain('bearer');
  });

  it('is generated at start when HOST is not loopback', async () => {
    const { port, url, accessToken } = await start({ host: '0.0.0.0' });
    expect(accessToken).toMatch(/^[A-Za-z0-9_-]{24,}$/);
    expect(url).toBe(`http://127.0.0.1:${port}/?token=${accessToken ?? ''}`);
    expect((await get('/api/config')).status).toBe(401);
    expect((await get('/api/config', { 'x-console-token': accessToken ?? '' })).status).toBe(200);
  });

  it('is not needed on loopback', async () => {
    const { accessToken, url, port } = await start();
    expect(accessToken).toBeUndefined();
    expect(url).toBe(`http://127.0.0.1:${port}/`);
  });
});

describe('GET /api/config', () => {
  it('says why live mode is off, naming the missing variables', async () => {
    await start({ graph: { tenantId: undefined, clientId: undefined, credential: undefined } });
    const config = consoleConfigSchema.parse((await get('/api/config')).json());
    expect(config.live.available).toBe(false);
    for (const name of ['GRAPH_TENANT_ID', 'GRAPH_CLIENT_ID', 'GRAPH_CLIENT_SECRET']) expect(config.live.reason).toContain(name);
  });

  it('gives the app id and the callback URL to register', async () => {
    const { port } = await start();
    const local = consoleConfigSchema.parse((await get('/api/config')).json());
    expect(local).toMatchObject({ live: { available: true }, appId: TEST_CLIENT_ID, callbackUrl: `http://127.0.0.1:${port}/api/calls` });
    expect(local.callbackUrlNote).toContain('PUBLIC_URL');
    await server?.close();
    await upstream?.close();
    await start({ publicUrl: 'https://console.example.net' });
    const publicConfig = consoleConfigSchema.parse((await get('/api/config')).json());
    expect(publicConfig.callbackUrl).toBe('https://console.example.net/api/calls');
    expect(publicConfig.callbackUrlNote).toBeUndefined();
  });
});

describe('the UI', () => {
  it('serves the SPA with security headers that still let it run', async () => {
    const { port } = await start();
    const page = await get('/');
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("worker-src 'self'");
    expect(csp).toContain(`connect-src 'self' ws://127.0.0.1:${port}`);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
  });

  it('falls back to index.html for client routes, not for missing files or API paths', async () => {
    await start();
    const route = await get('/calls/some-call');
    expect(route.status).toBe(200);
    expect(route.text).toContain('<title>Comms Console</title>');
    expect((await get('/assets/missing-123.js')).status).toBe(404);
    expect((await get('/api/nothing-here')).status).toBe(404);
    expect((await get('/api/nothing-here')).headers['content-type']).toContain('application/json');
    expect((await get('/../../../etc/passwd')).text).not.toContain('root:');
    expect((await get('/%2e%2e/%2e%2e/%2e%2e/etc/passwd')).text).not.toContain('root:');
  });

  it('serves assets and the msw worker with the right headers', async () => {
    await start();
    const asset = await get('/assets/index-abc123.js');
    expect(asset.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(asset.headers['cache-control']).toContain('immutable');
    const worker = await get('/mockServiceWorker.js');
    expect(worker.status).toBe(200);
    expect(worker.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(worker.headers['service-worker-allowed']).toBe('/');
    expect(worker.headers['cache-control']).toBe('no-cache');
  });

  it('says to run npm run build when dist/ is missing', async () => {
    await start({ distDir: '/nonexistent/dist' });
    const response = await get('/');
    expect(response.status).toBe(503);
    expect(response.text).toContain('npm run build');
  });
});

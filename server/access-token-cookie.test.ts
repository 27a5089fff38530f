/**
 * In access-token mode the printed URL always works: a valid `?token=` wins
 * over a cookie left by an earlier run (or planted by another app on the
 * same host name), and replaces it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from './app';
import { testConfig } from './test-support/config';
import { rawRequest } from './test-support/http-client';

const TOKEN = 'console-token-of-this-run-0123456789';
const STALE = 'console-token-of-the-last-run-987654';

let server: RunningServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start() {
  server = await startServer(testConfig({ consoleAccessToken: TOKEN }), { log: () => undefined });
  return server;
}

describe('the access-token cookie', () => {
  it('a valid ?token= wins over a stale cookie, and the cookie is replaced', async () => {
    const { port } = await start();
    const staleCookie = `comms_console_token_${port}=${STALE}`;
    expect((await rawRequest(port, { path: '/', headers: { cookie: staleCookie } })).status).toBe(401);

    const opened = await rawRequest(port, { path: `/?token=${TOKEN}`, headers: { cookie: staleCookie } });
    expect(opened.status).toBe(303);
    expect(opened.headers.location).toBe('/');
    const fresh = String(opened.headers['set-cookie']).split(';')[0] ?? '';
    expect(fresh).toBe(`comms_console_token_${port}=${TOKEN}`);
    expect((await rawRequest(port, { path: '/api/config', headers: { cookie: fresh } })).status).toBe(200);
  });

  it('a valid token in the header wins over a stale cookie on the API', async () => {
    const { port } = await start();
    const response = await rawRequest(port, { path: '/api/config', headers: { cookie: `comms_console_token_${port}=${STALE}`, 'x-console-token': TOKEN } });
    expect(response.status).toBe(200);
  });

  it('a wrong ?token= gets 401 and no cookie, whatever else is sent', async () => {
    const { port } = await start();
    for (const cookie of [undefined, `comms_console_token_${port}=${STALE}`]) {
      const response = await rawRequest(port, { path: `/?token=${STALE}`, headers: cookie ? { cookie } : {} });
      expect(response.status).toBe(401);
      expect(response.headers['set-cookie']).toBeUndefined();
    }
  });
});

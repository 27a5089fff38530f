/**
 * A live page's first screen: the newest operations drawn into the page the server serves, and the page's
 * first read preloaded, only for a page whose mode is live and only past the access token.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { FIRST_SCREEN_RENDERER, MODE_COOKIE } from '../src/graph/firstScreen';
import { startServer, type RunningServer } from './app';
import { FIRST_READ_PRELOAD, withFirstScreen } from './first-screen';
import { ACCESS_TOKEN_HEADER } from './security';
import { testConfig, type ConfigOverrides } from './test-support/config';
import { forwardNotification, TEST_FORWARD_SECRET } from './test-support/forward';
import { rawRequest } from './test-support/http-client';
import { operationDeleted } from './test-support/sample-notifications';

const CALL = '4f1e0000-0000-4000-8000-000000000001';
const operation = (n: number) => `0000000${n}-0000-4000-9000-000000000000`;
const INDEX = '<!doctype html><html><head><title>Comms Console</title></head><body><div id="root"></div></body></html>';
const LIVE = `${MODE_COOKIE}=live`;

let server: RunningServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(overrides: ConfigOverrides = {}) {
  const config = testConfig({ forwardSecret: TEST_FORWARD_SECRET, ...overrides });
  writeFileSync(join(config.distDir, 'index.html'), INDEX);
  // As `vite build` would put it there: the app's renderer (vitest compiles it as it is imported).
  const renderer = join(config.distDir, FIRST_SCREEN_RENDERER);
  mkdirSync(dirname(renderer), { recursive: true });
  writeFileSync(renderer, `export { firstScreenMarkup } from ${JSON.stringify(fileURLToPath(new URL('../src/app/firstScreenMarkup.ts', import.meta.url)))};`);
  server = await startServer(config, { log: () => undefined });
  return server;
}

/** The current session, as the page starts one when there is none. */
async function startSession(port: number, headers: Record<string, string> = {}): Promise<void> {
  const answer = await rawRequest(port, { method: 'POST', path: '/api/sessions', headers: { 'content-type': 'application/json', ...headers }, body: '{"name":"Demo"}' });
  expect(answer.status, answer.text).toBe(201);
}

describe('the first screen of a live page', () => {
  it('draws the newest operations, newest first, preloads the first read, and keeps the app hidden behind it', async () => {
    const { port } = await start();
    await startSession(port);
    for (const n of [1, 2, 3, 4]) await forwardNotification(port, operationDeleted(CALL, operation(n), `ctx-${n}`));
    const page = await rawRequest(port, { path: '/', headers: { cookie: LIVE } });
    expect(page.status).toBe(200);
    expect(page.headers['cache-control']).toBe('no-store');
    const latest = [...page.text.matchAll(/aria-label="Show playPrompt (\d{8}), /g)].map((match) => match[1]);
    expect(latest).toEqual([operation(4), operation(3), operation(2)].map((id) => id.slice(0, 8)));
    expect(page.text).toContain('data-newest-seq="4"');
    expect(page.text).toContain('<div id="root" hidden></div>');
    // The read the page preloads is the one its first module makes, and it answers.
    const preloaded = /<link rel="preload" as="fetch" crossorigin href="([^"]+)"><\/head>/.exec(page.text)?.[1];
    expect(preloaded).toBe('/api/sessions/current/events?newest=300');
    const read = await rawRequest(port, { path: preloaded ?? '' });
    expect(read.status).toBe(200);
    expect(read.text).toContain('ctx-4');
  });

  it('serves the page as built to a mock page, before any operation, and for a client route only when live', async () => {
    const { port } = await start();
    await startSession(port);
    expect((await rawRequest(port, { path: '/', headers: { cookie: LIVE } })).text).toBe(INDEX);
    await forwardNotification(port, operationDeleted(CALL, operation(1)));
    expect((await rawRequest(port, { path: '/' })).text).toBe(INDEX);
    expect((await rawRequest(port, { path: '/', headers: { cookie: `${MODE_COOKIE}=mock` } })).text).toBe(INDEX);
    expect((await rawRequest(port, { path: '/some/route', headers: { cookie: LIVE } })).text).toContain('id="first-screen"');
    // The renderer is the server's to run, not a file of the page.
    expect((await rawRequest(port, { path: `/${FIRST_SCREEN_RENDERER}` })).status).toBe(404);
  });

  it('gives a page without the access token nothing of the session', async () => {
    const { port } = await start({ consoleAccessToken: 'first-screen-token-0123456789' });
    await startSession(port, { [ACCESS_TOKEN_HEADER]: 'first-screen-token-0123456789' });
    await forwardNotification(port, operationDeleted(CALL, operation(1)));
    const refused = await rawRequest(port, { path: '/', headers: { cookie: LIVE } });
    expect(refused.status).toBe(401);
    expect(refused.text).not.toContain(operation(1).slice(0, 8));
    const allowed = await rawRequest(port, { path: '/', headers: { cookie: LIVE, [ACCESS_TOKEN_HEADER]: 'first-screen-token-0123456789' } });
    expect(allowed.text).toContain(`Show playPrompt ${operation(1).slice(0, 8)}`);
  });
});

describe('withFirstScreen', () => {
  /** A stand-in renderer: what is tested here is where its markup goes. */
  const draw = (read: unknown) => ({ markup: `<div id="first-screen">${String((read as { text: string }).text)}</div>`, newestSeq: 1 });

  it('puts the markup in the root\'s place and the preload in the head, whatever the markup holds', () => {
    const page = withFirstScreen(INDEX, JSON.stringify({ text: "$&$'$`" }), draw);
    expect(page).toBe(`<!doctype html><html><head><title>Comms Console</title>${FIRST_READ_PRELOAD}</head><body><div id="first-screen">$&$'$\`</div><div id="root" hidden></div></body></html>`);
  });

  it('leaves the page as built for a read that is not JSON, nothing to draw, or a page with no head or empty root', () => {
    const read = JSON.stringify({ text: 'ctx' });
    expect(withFirstScreen(INDEX, '{"session":', draw)).toBeUndefined();
    expect(withFirstScreen(INDEX, read, () => undefined)).toBeUndefined();
    expect(withFirstScreen('<!doctype html><head></head><div id="app"></div>', read, draw)).toBeUndefined();
    expect(withFirstScreen('<!doctype html><div id="root"></div>', read, draw)).toBeUndefined();
  });
});

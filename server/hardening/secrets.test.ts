/**
 * No configured secret — the Graph client secret, the forward secret, the
 * console access token — appears in the built bundle, the server's log, or
 * any answer (body, header, relay message), whatever a client does: right
 * and wrong credentials, errors from Graph, from MSAL and from validation.
 *
 * One exception, by design: arriving with the printed `?token=` URL, the
 * answer sets that same token as a cookie (docs/architecture.md, "Security model") —
 * an echo to the client that presented it, checked separately below.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeGraph, type FakeGraph } from '../../e2e/fake-graph/fake-graph';
import { loadTestTls } from '../../e2e/fake-graph/test-tls';
import { startServer, type RunningServer } from '../app';
import { ConfigError, configFromEnvironment } from '../config';
import { makeDist, temporaryDirectory, TEST_CLIENT_ID, TEST_TENANT_ID } from '../test-support/config';
import { rawRequest, type RawRequest, type RawResponse } from '../test-support/http-client';
import { connectRelay } from '../test-support/relay-client';
import { freePort } from '../test-support/server-process';
import { operationDeleted } from '../test-support/sample-notifications';

const run = promisify(execFile);
const fresh = (name: string) => `${name}-${randomBytes(12).toString('hex')}`;
const SECRETS = { GRAPH_CLIENT_SECRET: fresh('graph-client-secret'), FORWARD_SECRET: fresh('forward-secret'), CONSOLE_TOKEN: fresh('console-token') };
const secretValues = Object.values(SECRETS);

/** Which secrets a text contains (named, so a failure says which leaked). */
function leaks(text: string): string[] {
  return Object.entries(SECRETS)
    .filter(([, value]) => text.includes(value))
    .map(([name]) => name);
}

let graph: FakeGraph | undefined;
let server: RunningServer | undefined;
afterEach(async () => {
  await server?.close();
  await graph?.close();
  [graph, server] = [undefined, undefined];
});

/** The console started the way main.ts starts it (configFromEnvironment), against the fake Graph. */
async function startConsole(registeredSecret: string, log: (line: string) => void) {
  const port = await freePort();
  graph = await startFakeGraph({
    tenantId: TEST_TENANT_ID,
    clientId: TEST_CLIENT_ID,
    clientSecret: registeredSecret,
    callbackUrl: `http://127.0.0.1:${port}/api/calls`,
    tls: loadTestTls(),
    log: () => undefined,
  });
  const config = configFromEnvironment({
    HOST: '127.0.0.1',
    PORT: String(port),
    DIST_DIR: makeDist(),
    DATA_DIR: temporaryDirectory('secrets-data'),
    GRAPH_TENANT_ID: TEST_TENANT_ID,
    GRAPH_CLIENT_ID: TEST_CLIENT_ID,
    GRAPH_BASE_URL: graph.url,
    GRAPH_AUTHORITY_HOST: graph.url,
    NOTIFY_OPENID_CONFIG_URL: graph.openIdConfigUrl,
    ...SECRETS,
  });
  server = await startServer(config, { log });
  return { port, fake: graph };
}

/** Sends a request and keeps its answer, status line to body, for the final grep. */
function recorder(port: number) {
  const answers: { request: string; response: RawResponse }[] = [];
  return {
    answers,
    async send(request: RawRequest): Promise<RawResponse> {
      const response = await rawRequest(port, request);
      answers.push({ request: `${request.method ?? 'GET'} ${request.path}`, response });
      return response;
    },
  };
}

const text = (response: RawResponse) => `${response.status}\n${JSON.stringify(response.headers)}\n${response.text}`;

describe('configured secrets never leave the server', () => {
  it('are in no answer, relay message or log line, whatever clients do', async () => {
    const logLines: string[] = [];
    const { port, fake } = await startConsole(SECRETS.GRAPH_CLIENT_SECRET, (line) => logLines.push(line));
    const { answers, send } = recorder(port);
    const token = { 'x-console-token': SECRETS.CONSOLE_TOKEN };
    const callId = fake.simulator.knownCalls()[0]?.id ?? '';
    const cancelPath = `/graph/v1.0/communications/calls/${callId}/cancelMediaProcessing`;
    const cancelBody = JSON.stringify({ clientContext: 'secrets' });

    // The UI, with and without the access token, right and wrong.
    await send({ path: '/' });
    await send({ path: '/', headers: { 'x-console-token': 'wrong-token-0123456789' } });
    await send({ path: '/', headers: { cookie: `comms_console_token_${port}=${SECRETS.CONSOLE_TOKEN}` } });
    await send({ path: '/api/config' });
    await send({ path: '/api/config', headers: token });
    await send({ path: '/api/known-calls', headers: token });
    await send({ path: '/api/nope', headers: token });
    // Graph through the proxy: success (MSAL uses the client secret), throttling, outage, refusals.
    await send({ method: 'POST', path: cancelPath, headers: { ...token, 'content-type': 'application/json' }, body: cancelBody });
    fake.failNext(1, 429, { 'Retry-After': '2' });
    await send({ method: 'POST', path: cancelPath, headers: { ...token, 'content-type': 'application/json' }, body: cancelBody });
    fake.failNext(1, 503);
    await send({ method: 'POST', path: cancelPath, headers: { ...token, 'content-type': 'application/json' }, body: cancelBody });
    await send({ path: '/graph/v1.0/users/../../me', headers: token });
    await send({ path: '/graph/v1.0/me', headers: token });
    await send({ method: 'POST', path: cancelPath, headers: { 'content-type': 'application/json' }, body: cancelBody });
    // The public doors: right and wrong forward secret, forged and real Graph tokens, bad bodies.
    const notification = JSON.stringify(operationDeleted(callId, 'op-secret'));
    await send({ method: 'POST', path: '/api/forward', headers: { 'x-forward-secret': SECRETS.FORWARD_SECRET, 'content-type': 'application/json' }, body: notification });
    await send({ method: 'POST', path: '/api/forward', headers: { 'x-forward-secret': `${SECRETS.FORWARD_SECRET}x` }, body: notification });
    await send({ method: 'POST', path: '/api/forward', headers: { 'x-forward-secret': SECRETS.FORWARD_SECRET }, body: '{"value": [' });
    await send({ method: 'POST', path: '/api/calls', headers: { authorization: `Bearer ${SECRETS.CONSOLE_TOKEN}` }, body: notification });
    await send({ method: 'POST', path: '/api/calls', headers: { authorization: `Bearer ${await fake.signNotificationToken()}` }, body: notification });
    await send({ method: 'POST', path: '/api/calls', headers: { authorization: `Bearer ${await fake.signNotificationToken({ key: 'stranger' })}` }, body: notification });
    await send({ method: 'GET', path: `/api/forward?secret=${SECRETS.FORWARD_SECRET}` });

    const relay = await connectRelay(port, 0, { headers: token });
    await relay.waitForNotifications(2);
    await relay.close();
    await expect(connectRelay(port, 0)).rejects.toThrow('401');

    // Arriving with the printed URL: redirected to the same page without the token, which is set as a cookie.
    const arrival = await rawRequest(port, { path: `/?token=${SECRETS.CONSOLE_TOKEN}` });
    expect(arrival.status).toBe(303);
    expect(leaks(String(arrival.headers.location))).toEqual([]);
    expect(leaks(arrival.text)).toEqual([]);
    expect(String(arrival.headers['set-cookie'])).toContain(SECRETS.CONSOLE_TOKEN);

    expect(answers.map(({ response }) => response.status)).toContain(429);
    for (const { request, response } of answers) expect(leaks(text(response)), request).toEqual([]);
    expect(leaks(relay.messages.map((message) => JSON.stringify(message)).join('\n')), 'relay messages').toEqual([]);
    expect(logLines.length).toBeGreaterThan(answers.length);
    expect(leaks(logLines.join('\n')), 'log lines').toEqual([]);
  });

  it('are not in the error a wrong client secret causes, nor in its log', async () => {
    const logLines: string[] = [];
    const { port, fake } = await startConsole('the-secret-graph-really-has', (line) => logLines.push(line));
    const response = await rawRequest(port, {
      path: `/graph/v1.0/communications/calls/${fake.simulator.knownCalls()[0]?.id ?? ''}`,
      headers: { 'x-console-token': SECRETS.CONSOLE_TOKEN },
    });
    expect(response.status).toBe(502);
    expect(response.text).toContain('invalid_client');
    expect(leaks(text(response))).toEqual([]);
    expect(leaks(logLines.join('\n'))).toEqual([]);
  });

  it('are not in the message of a configuration refused at start', () => {
    const short = 'short-secret-1';
    const attempt = () => configFromEnvironment({ FORWARD_SECRET: short, CONSOLE_TOKEN: short, GRAPH_CLIENT_SECRET: SECRETS.GRAPH_CLIENT_SECRET, GRAPH_CLIENT_CERTIFICATE_PATH: '/nonexistent.pem' });
    expect(attempt).toThrow(ConfigError);
    try {
      attempt();
    } catch (error) {
      expect((error as Error).message).not.toContain(short);
      expect(leaks((error as Error).message)).toEqual([]);
    }
  });

  it('are not in the built bundle, even when they are in the environment of the build', async () => {
    const outDir = temporaryDirectory('dist-with-secrets');
    await run(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'error'], {
      cwd: fileURLToPath(new URL('../..', import.meta.url)),
      env: { ...process.env, ...SECRETS },
      timeout: 120_000,
    });
    const files = readdirSync(outDir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
    expect(files.some((entry) => entry.name.endsWith('.js'))).toBe(true);
    for (const entry of files) {
      const path = join(entry.parentPath, entry.name);
      const content = readFileSync(path, 'latin1');
      for (const value of secretValues) expect(content.includes(value), path).toBe(false);
    }
  }, 150_000);
});

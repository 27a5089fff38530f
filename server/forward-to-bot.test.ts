/**
 * FORWARD_TO over real HTTP: Graph (this test, signing with real RS256 keys
 * published over HTTP) → the console → a bot (a real HTTP server) and back.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { commsNotificationsSchema, type BotAnswer, type RelayMessage } from '../src/graph/schemas';
import { startServer, type RunningServer } from './app';
import { temporaryDirectory, testConfig, type ConfigOverrides } from './test-support/config';
import { header, startFakeBot, type FakeBot } from './test-support/fake-bot';
import { rawRequest } from './test-support/http-client';
import { startNotificationKeys, type NotificationKeys } from './test-support/notification-keys';
import { connectRelay, settle, type RelayTestClient } from './test-support/relay-client';
import { operationDeleted } from './test-support/sample-notifications';
import { startRedisServer } from './test-support/redis-server';
import { freePort, spawnServer } from './test-support/server-process';
import { storedNotifications } from './test-support/stored';

interface DocsExample {
  heading: string;
  body: unknown;
}
const DOCS_EXAMPLES = (JSON.parse(readFileSync(new URL('../src/graph/fixtures/docs-notifications.json', import.meta.url), 'utf8')) as { examples: DocsExample[] }).examples;

const sha256 = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');

let keys: NotificationKeys;
let bot: FakeBot;
let server: RunningServer | undefined;
let watcher: RelayTestClient | undefined;
let dataDir: string;

beforeAll(async () => {
  keys = await startNotificationKeys();
});
afterAll(async () => {
  await keys.close();
});
afterEach(async () => {
  await watcher?.close();
  await server?.close();
  await bot.close();
  watcher = undefined;
  server = undefined;
});

async function start(forward: { url?: string; timeoutMs?: number; maxInFlight?: number } = {}, overrides: ConfigOverrides = {}) {
  bot = await startFakeBot();
  const config = testConfig({
    forwardTo: { url: forward.url ?? bot.url, timeoutMs: forward.timeoutMs ?? 5_000, maxInFlight: forward.maxInFlight ?? 64 },
    notifications: { openIdConfigUrl: keys.openIdConfigUrl, jwksRefetchCooldownMs: 0 },
    ...overrides,
  });
  dataDir = config.dataDir;
  server = await startServer(config, { log: () => undefined });
  watcher = await connectRelay(server.port, 0);
  return server;
}

function postAsGraph(body: string | Buffer, headers: Record<string, string>) {
  if (!server) throw new Error('start() first');
  return rawRequest(server.port, { method: 'POST', path: '/api/calls', headers: { 'content-type': 'application/json', ...headers }, body });
}

const botAnswers = (messages: RelayMessage[]) =>
  messages.filter((message): message is Extract<RelayMessage, { type: 'botAnswer' }> => message.type === 'botAnswer').map(({ seq, bot }) => ({ seq, ...bot }));

async function waitForBotAnswers(count: number): Promise<(BotAnswer & { seq: number })[]> {
  for (let tries = 0; tries < 200 && botAnswers(watcher?.messages ?? []).length < count; tries += 1) await new Promise((resolve) => setTimeout(resolve, 10));
  return botAnswers(watcher?.messages ?? []);
}

describe('FORWARD_TO: the console between Graph and the bot', () => {
  it('passes all 96 documented notification bodies to the bot byte for byte, with the Authorization and headers Graph sent', async () => {
    await start();
    bot.answerWith({ status: 202 });
    const authorizations: string[] = [];
    for (const example of DOCS_EXAMPLES) {
      const authorization = `Bearer ${await keys.sign()}`;
      authorizations.push(authorization);
      // Indented as Graph might send it: the console must not re-serialise what it passes on.
      const response = await postAsGraph(JSON.stringify(example.body, null, 2), { authorization, 'client-request-id': `docs-${authorizations.length}`, 'X-Custom-Case': 'Kept' });
      expect(response.status, example.heading).toBe(202);
    }
    expect(DOCS_EXAMPLES).toHaveLength(96);
    expect(bot.requests).toHaveLength(96);
    bot.requests.forEach((request, index) => {
      const sent = JSON.stringify(DOCS_EXAMPLES[index]?.body, null, 2);
      expect(sha256(request.body), DOCS_EXAMPLES[index]?.heading).toBe(sha256(sent));
      expect(request.method).toBe('POST');
      expect(request.url).toBe('/api/calling');
      expect(header(request, 'authorization')).toEqual([authorizations[index]]);
      expect(header(request, 'client-request-id')).toEqual([`docs-${index + 1}`]);
      expect(request.rawHeaders).toContainEqual(['X-Custom-Case', 'Kept']);
      expect(header(request, 'content-type')).toEqual(['application/json']);
      expect(header(request, 'host')).toEqual([`127.0.0.1:${bot.port}`]);
    });
    // Every one that is commsNotifications is kept, with the bot's answer.
    const keepable = DOCS_EXAMPLES.filter((example) => commsNotificationsSchema.safeParse(example.body).success).length;
    expect(keepable).toBeGreaterThan(80);
    const stored = storedNotifications(dataDir);
    expect(stored).toHaveLength(keepable);
    expect((await watcher?.waitForNotifications(keepable))?.length).toBe(keepable);
    const answers = await waitForBotAnswers(keepable);
    expect(answers.every((answer) => answer.outcome === 'answered' && answer.status === 202)).toBe(true);
  });

  it('drops hop-by-hop headers, and the ones Connection names, and nothing else', async () => {
    await start();
    const authorization = `Bearer ${await keys.sign()}`;
    await postAsGraph(JSON.stringify(operationDeleted('call-1', 'op-1')), {
      authorization,
      connection: 'keep-alive, X-Hop',
      'x-hop': 'only for the next hop',
      'keep-alive': 'timeout=5',
      te: 'trailers',
      'x-end-to-end': 'kept',
    });
    const [request] = await bot.waitForRequests(1);
    if (!request) throw new Error('no request at the bot');
    expect(header(request, 'x-hop')).toEqual([]);
    expect(header(request, 'keep-alive')).toEqual([]);
    expect(header(request, 'te')).toEqual([]);
    expect(header(request, 'x-end-to-end')).toEqual(['kept']);
    expect(header(request, 'authorization')).toEqual([authorization]);
  });

  it('forwards a chunked body byte for byte, and refuses one over MAX_BODY_BYTES with 413 without forwarding it', async () => {
    await start({}, { maxBodyBytes: 4 * 1024 });
    bot.answerWith({ status: 202 });
    const body = JSON.stringify(operationDeleted('call-1', 'op-chunked'), null, 3);
    const authorization = `Bearer ${await keys.sign()}`;
    const response = await postAsGraph(body, { 'transfer-encoding': 'chunked', authorization });
    expect(response.status).toBe(202);
    const [request] = await bot.waitForRequests(1);
    expect(request && sha256(request.body)).toBe(sha256(body));
    expect(request && header(request, 'transfer-encoding')).toEqual([]);
    expect(request && header(request, 'content-length')).toEqual([String(Buffer.byteLength(body))]);
    expect(storedNotifications(dataDir)).toHaveLength(1);

    const tooLarge = await postAsGraph(JSON.stringify({ ...operationDeleted('call-1', 'op-big'), padding: 'x'.repeat(5 * 1024) }), { 'transfer-encoding': 'chunked', authorization });
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.text).toContain('not forwarded to the bot');
    expect(bot.requests).toHaveLength(1);
    expect(storedNotifications(dataDir)).toHaveLength(1);
  });

  for (const status of [200, 202, 400, 500]) {
    it(`gives Graph the bot's ${status}, its headers and its body, and keeps the notification with it`, async () => {
      await start();
      const body = status >= 400 ? JSON.stringify({ error: `bot says ${status}` }) : '';
      bot.answerWith({ status, headers: { 'x-bot': 'yes', 'content-type': 'application/json' }, body });
      const response = await postAsGraph(JSON.stringify(operationDeleted('call-1', `op-${status}`)), { authorization: `Bearer ${await keys.sign()}` });
      expect(response.status).toBe(status);
      expect(response.headers['x-bot']).toBe('yes');
      expect(response.text).toBe(body);
      expect(storedNotifications(dataDir)).toHaveLength(1);
      await watcher?.waitForNotifications(1);
      const [answer] = await waitForBotAnswers(1);
      expect(answer).toMatchObject({ seq: 1, outcome: 'answered', status, retries: 0 });
    });
  }

  it('answers Graph 504 when the bot is slower than FORWARD_TIMEOUT_MS, and keeps and relays the notification', async () => {
    await start({ timeoutMs: 300 });
    bot.answerWith({ status: 202, delayMs: 2_000 });
    const started = performance.now();
    const response = await postAsGraph(JSON.stringify(operationDeleted('call-1', 'op-slow')), { authorization: `Bearer ${await keys.sign()}` });
    expect(response.status).toBe(504);
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
    expect(response.text).toContain('FORWARD_TIMEOUT_MS');
    expect(storedNotifications(dataDir)).toHaveLength(1);
    expect(await watcher?.waitForNotifications(1)).toHaveLength(1);
    const [answer] = await waitForBotAnswers(1);
    expect(answer).toMatchObject({ seq: 1, outcome: 'timeout', status: 504 });
    expect(answer?.ms).toBeGreaterThanOrEqual(290);
  });

  it('answers Graph 502 when the bot is down, and keeps and relays the notification', async () => {
    const deadPort = await freePort();
    await start({ url: `http://127.0.0.1:${deadPort}/api/calling` });
    const response = await postAsGraph(JSON.stringify(operationDeleted('call-1', 'op-dead')), { authorization: `Bearer ${await keys.sign()}` });
    expect(response.status).toBe(502);
    expect(response.text).toContain('ECONNREFUSED');
    expect(storedNotifications(dataDir)).toHaveLength(1);
    expect(await watcher?.waitForNotifications(1)).toHaveLength(1);
    expect((await waitForBotAnswers(1))[0]).toMatchObject({ outcome: 'unreachable', status: 502 });
  });

  it('answers 503 past FORWARD_MAX_IN_FLIGHT, as an overloaded bot would, and still keeps the notification', async () => {
    await start({ maxInFlight: 1, timeoutMs: 1_000 });
    bot.answerWith({ status: 202, never: true });
    const first = postAsGraph(JSON.stringify(operationDeleted('call-1', 'op-a')), { authorization: `Bearer ${await keys.sign()}` });
    await bot.waitForRequests(1);
    const second = await postAsGraph(JSON.stringify(operationDeleted('call-1', 'op-b')), { authorization: `Bearer ${await keys.sign()}` });
    expect(second.status).toBe(503);
    expect(bot.requests).toHaveLength(1);
    expect((await first).status).toBe(504);
    expect(storedNotifications(dataDir)).toHaveLength(2);
    const answers = await waitForBotAnswers(2);
    expect(answers.map(({ outcome, status }) => ({ outcome, status })).sort((a, b) => a.status - b.status)).toEqual([
      { outcome: 'overloaded', status: 503 },
      { outcome: 'timeout', status: 504 },
    ]);
  });

  it('forwards a request whose token fails, gives Graph the bot’s answer, and neither stores nor relays it, but counts it', async () => {
    await start();
    bot.answerWith({ status: 401, body: 'bot refuses the token' });
    const forged = `Bearer ${await keys.sign({ forged: true })}`;
    const response = await postAsGraph(JSON.stringify(operationDeleted('call-1', 'op-forged')), { authorization: forged });
    expect(response.status).toBe(401);
    expect(response.text).toBe('bot refuses the token');
    const [request] = await bot.waitForRequests(1);
    expect(request && header(request, 'authorization')).toEqual([forged]);
    await settle();
    expect(storedNotifications(dataDir)).toEqual([]);
    expect(watcher?.notifications()).toEqual([]);
    expect(watcher?.messages).toContainEqual({ type: 'refused', count: 1 });
    // A client connecting later hears the count too.
    const later = await connectRelay(server?.port ?? 0, 0);
    await settle();
    expect(later.messages).toContainEqual({ type: 'refused', count: 1 });
    await later.close();
  });

  it('keeps a body Graph retries after a bot failure once, marked with its retries, and shows it so after a reload', async () => {
    await start();
    const session = await rawRequest(server?.port ?? 0, { method: 'POST', path: '/api/sessions', headers: { 'content-type': 'application/json' }, body: '{}' });
    const sessionId = (session.json() as { id: string }).id;
    bot.answerWith({ status: 500 }, { status: 503 }, { status: 202 });
    const body = JSON.stringify(operationDeleted('call-1', 'op-retried'));
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 3; attempt += 1) statuses.push((await postAsGraph(body, { authorization: `Bearer ${await keys.sign()}` })).status);
    expect(statuses).toEqual([500, 503, 202]);
    expect(bot.requests).toHaveLength(3);
    expect(storedNotifications(dataDir)).toHaveLength(1);
    const answers = await waitForBotAnswers(3);
    expect(answers.map(({ seq, status, retries }) => ({ seq, status, retries }))).toEqual([
      { seq: 1, status: 500, retries: 0 },
      { seq: 1, status: 503, retries: 1 },
      { seq: 1, status: 202, retries: 2 },
    ]);
    // Once the bot has taken it, the same bytes again are a new notification.
    expect((await postAsGraph(body, { authorization: `Bearer ${await keys.sign()}` })).status).toBe(202);
    expect(storedNotifications(dataDir)).toHaveLength(2);

    // A reload: the relay from the start, and the session's stored events, carry the answers.
    const reloaded = await connectRelay(server?.port ?? 0, 0);
    const [first] = await reloaded.waitForNotifications(2);
    expect(first?.bot).toMatchObject({ outcome: 'answered', status: 202, retries: 2 });
    await reloaded.close();
    const events = await rawRequest(server?.port ?? 0, { path: `/api/sessions/${sessionId}/events` });
    const stored = (events.json() as { events: { kind: string; seq?: number; bot?: BotAnswer }[] }).events.filter((event) => event.kind === 'notification');
    expect(stored.map((event) => ({ seq: event.seq, retries: event.bot?.retries, status: event.bot?.status }))).toEqual([
      { seq: 1, retries: 2, status: 202 },
      { seq: 2, retries: 0, status: 202 },
    ]);
  });

  it('keeps a body again once the session that held it is deleted, rather than counting a retry of a deleted notification', async () => {
    await start();
    const port = server?.port ?? 0;
    const startSession = async () => (await rawRequest(port, { method: 'POST', path: '/api/sessions', headers: { 'content-type': 'application/json' }, body: '{}' })).json() as { id: string };
    const first = await startSession();
    bot.answerWith({ status: 500 });
    const body = JSON.stringify(operationDeleted('call-1', 'op-deleted'));
    expect((await postAsGraph(body, { authorization: `Bearer ${await keys.sign()}` })).status).toBe(500);
    await waitForBotAnswers(1);
    await startSession();
    expect((await rawRequest(port, { method: 'DELETE', path: `/api/sessions/${first.id}` })).status).toBe(204);
    expect(storedNotifications(dataDir)).toEqual([]);

    expect((await postAsGraph(body, { authorization: `Bearer ${await keys.sign()}` })).status).toBe(500);
    expect(storedNotifications(dataDir).map((stored) => stored.seq)).toEqual([2]);
    expect((await waitForBotAnswers(2)).map(({ seq, retries }) => ({ seq, retries }))).toEqual([
      { seq: 1, retries: 0 },
      { seq: 2, retries: 0 },
    ]);
  });

  it('while the current session alone fills DATA_MAX_MB, still gives Graph the bot\'s answer and keeps nothing more', async () => {
    await start({}, { retention: { maxBytes: 1024 * 1024, maxAgeMs: 30 * 24 * 3_600_000, checkIntervalMs: 50 } });
    bot.answerWith({ status: 202 });
    const padded = (n: number) => JSON.stringify({ ...operationDeleted('call-1', `op-full-${n}`), padding: 'x'.repeat(100 * 1024) });
    let keptBefore = -1;
    for (let n = 0; n < 40 && storedNotifications(dataDir).length !== keptBefore; n += 1) {
      keptBefore = storedNotifications(dataDir).length;
      expect((await postAsGraph(padded(n), { authorization: `Bearer ${await keys.sign()}` })).status).toBe(202);
      await new Promise((resolve) => setTimeout(resolve, 60)); // a retention check runs every 50 ms
    }
    const kept = storedNotifications(dataDir).length;
    expect(kept).toBeLessThan(40);
    const response = await postAsGraph(padded(99), { authorization: `Bearer ${await keys.sign()}` });
    expect(response.status).toBe(202);
    expect(bot.requests.at(-1)?.body.length).toBeGreaterThan(100 * 1024);
    expect(storedNotifications(dataDir)).toHaveLength(kept);
  });

  it('with REDIS_URL, keeps the notification in the shared log and shows the bot answer live and on a reconnect', async () => {
    const redis = await startRedisServer();
    try {
      await start({}, { redis: { url: redis.url, streamMaxEntries: 1_000 } });
      bot.answerWith({ status: 202 });
      const response = await postAsGraph(JSON.stringify(operationDeleted('call-1', 'op-redis')), { authorization: `Bearer ${await keys.sign()}` });
      expect(response.status).toBe(202);
      expect(storedNotifications(dataDir)).toHaveLength(0);
      const [notification] = (await watcher?.waitForNotifications(1)) ?? [];
      expect(notification?.seq).toBe(1);
      expect(await waitForBotAnswers(1)).toEqual([expect.objectContaining({ seq: 1, outcome: 'answered', status: 202 })]);
      const reconnected = await connectRelay(server?.port ?? 0, 0);
      const [replayed] = await reconnected.waitForNotifications(1);
      await reconnected.close();
      expect(replayed?.bot).toMatchObject({ outcome: 'answered', status: 202, retries: 0 });
    } finally {
      await watcher?.close();
      watcher = undefined;
      await server?.close();
      server = undefined;
      await redis.stop();
    }
  });

  it('refuses at start a FORWARD_TO that points at the console itself', async () => {
    bot = await startFakeBot();
    const port = await freePort();
    for (const url of [`http://localhost:${port}/api/calls`, `http://127.0.0.1:${port}/`, 'https://console.example.net/api/calls']) {
      const config = testConfig({
        port,
        publicUrl: 'https://console.example.net',
        forwardTo: { url, timeoutMs: 1_000, maxInFlight: 4 },
        notifications: { openIdConfigUrl: keys.openIdConfigUrl },
      });
      await expect(startServer(config, { log: () => undefined }), url).rejects.toThrow(/FORWARD_TO points at the console itself/);
    }
    // The port is free again: nothing was left listening.
    const other = await startServer(testConfig({ port }), { log: () => undefined });
    await other.close();
  });
});

// A child process compiling the server with tsx: seconds on a busy machine.
describe('npm start -- --forward-to <url>', { timeout: 90_000 }, () => {
  it('forwards to the URL given on the command line', async () => {
    bot = await startFakeBot();
    bot.answerWith({ status: 202 });
    const port = await freePort();
    const consoleProcess = await spawnServer({ env: { PORT: String(port), DATA_DIR: temporaryDirectory('cli-data') }, args: ['--forward-to', bot.url] });
    try {
      // Printed just after the line spawnServer waits for, so it may come in the next chunk of output.
      const announced = `Forwarding every request to /api/calls to ${bot.url}`;
      for (let tries = 0; tries < 100 && !consoleProcess.output.join('\n').includes(announced); tries += 1) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(consoleProcess.output.join('\n')).toContain(announced);
      // No token: the console keeps nothing, and the bot still gets the request and decides.
      const response = await rawRequest(port, { method: 'POST', path: '/api/calls', headers: { 'content-type': 'application/json' }, body: '{"value":[]}' });
      expect(response.status).toBe(202);
      const [request] = await bot.waitForRequests(1);
      expect(request?.body.toString('utf8')).toBe('{"value":[]}');
    } finally {
      await consoleProcess.stop();
    }
  });

  it('refuses to start when the URL is the console itself, and says why', async () => {
    bot = await startFakeBot();
    const port = await freePort();
    await expect(spawnServer({ env: { PORT: String(port), DATA_DIR: temporaryDirectory('cli-data') }, args: ['--forward-to', `http://localhost:${port}/api/calls`] })).rejects.toThrow(
      /FORWARD_TO points at the console itself/,
    );
  });
});

/**
 * History in live mode, over real HTTP on a temporary DATA_DIR: sessions,
 * which notifications each holds, recorded events, deletion, bad input,
 * the local-surface guards, a restart, an older DATA_DIR, and redelivery.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { sessionListSchema, sessionEventsSchema, sessionSchema, type Session, type SessionList } from '../src/graph/sessions';
import { buildTimeline, type TimelineEvent } from '../src/graph/timeline';
import { startServer, type RunningServer } from './app';
import { DATABASE_FILE, SCHEMA_VERSION } from './database';
import { temporaryDirectory, testConfig } from './test-support/config';
import { forwardNotification, TEST_FORWARD_SECRET } from './test-support/forward';
import { rawRequest, type RawResponse } from './test-support/http-client';
import { connectRelay, settle, type RelayTestClient } from './test-support/relay-client';
import { callState, operationDeleted } from './test-support/sample-notifications';
import { storedNotifications } from './test-support/stored';
import { cancelRequest } from './test-support/sample-events';

const servers: RunningServer[] = [];
const clients: RelayTestClient[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close()));
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

/** The DATA_DIR each server was started on, to read what it stored. */
const dataDirs = new WeakMap<RunningServer, string>();

async function start(config = testConfig({ forwardSecret: TEST_FORWARD_SECRET })) {
  const server = await startServer(config, { log: () => undefined });
  servers.push(server);
  dataDirs.set(server, config.dataDir);
  return server;
}

const storedSeqs = (server: RunningServer) => storedNotifications(dataDirs.get(server) ?? '').map((row) => row.seq);

async function stop(server: RunningServer) {
  await server.close();
  servers.splice(servers.indexOf(server), 1);
}

async function relay(port: number, since = 0) {
  const client = await connectRelay(port, since);
  clients.push(client);
  return client;
}

const json = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => (server: RunningServer) =>
  rawRequest(server.port, {
    method,
    path,
    headers: { 'content-type': 'application/json', ...headers },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });

async function list(server: RunningServer): Promise<SessionList> {
  const response = await json('GET', '/api/sessions')(server);
  expect(response.status).toBe(200);
  return sessionListSchema.parse(response.json());
}

async function startSession(server: RunningServer, name?: string): Promise<Session> {
  const response = await json('POST', '/api/sessions', name === undefined ? {} : { name })(server);
  expect(response.status, response.text).toBe(201);
  return sessionSchema.parse(response.json());
}

async function eventsOf(server: RunningServer, id: string): Promise<TimelineEvent[]> {
  const response = await json('GET', `/api/sessions/${id}/events`)(server);
  expect(response.status, response.text).toBe(200);
  return sessionEventsSchema.parse(response.json()).events;
}

const notify = (server: RunningServer, n: number) => forwardNotification(server.port, operationDeleted('call-1', `op-${n}`, `n${n}`));

const request = (id: string, at = new Date().toISOString()): TimelineEvent => cancelRequest(id, at);
const response = (requestId: string): TimelineEvent => ({
  kind: 'response',
  requestId,
  at: new Date().toISOString(),
  status: 200,
  headers: { location: `https://graph.microsoft.com/v1.0/communications/calls/call-1/operations/cancel-${requestId}` },
  body: { '@odata.type': '#microsoft.graph.cancelMediaProcessingOperation', id: `cancel-${requestId}`, status: 'completed', clientContext: requestId },
});

async function record(server: RunningServer, sessionId: string, afterSeq: number, ...events: TimelineEvent[]): Promise<void> {
  const answer = await json('POST', `/api/sessions/${sessionId}/events`, { events: events.map((event) => ({ afterSeq, event })) })(server);
  expect(answer.status, answer.text).toBe(204);
}

const describeEvents = (events: TimelineEvent[]) =>
  events.map((event) => (event.kind === 'notification' ? `n${event.seq}` : event.kind === 'request' ? `request ${event.id}` : `response ${event.requestId}`));

function expectConsoleError(answer: RawResponse, status: number, code: string, message: RegExp | string) {
  expect(answer.status, answer.text).toBe(status);
  expect(answer.headers['content-type']).toContain('application/json');
  const body = answer.json() as { error: { code: string; message: string } };
  expect(body.error.code).toBe(code);
  expect(body.error.message).toMatch(message);
}

describe('sessions', () => {
  it('starts with none; a new session ends the current one where the relay stands', async () => {
    const server = await start();
    expect(await list(server)).toEqual({ sessions: [], currentId: null });

    const first = await startSession(server, 'Morning demo');
    expect(first).toMatchObject({ name: 'Morning demo', startSeq: 0 });
    expect(first.endSeq).toBeUndefined();
    await notify(server, 1);
    await notify(server, 2);

    const second = await startSession(server);
    expect(second.name).toMatch(/^Session \d{4}-\d\d-\d\d \d\d:\d\d UTC$/);
    expect(second.startSeq).toBe(2);
    const { sessions, currentId } = await list(server);
    expect(currentId).toBe(second.id);
    // Newest first, the ended one with its end.
    expect(sessions.map(({ id, startSeq, endSeq, eventCount }) => ({ id, startSeq, endSeq, eventCount }))).toEqual([
      { id: second.id, startSeq: 2, endSeq: undefined, eventCount: 0 },
      { id: first.id, startSeq: 0, endSeq: 2, eventCount: 2 },
    ]);
    expect(Date.parse(sessions[1]?.endedAt ?? '')).toBeGreaterThanOrEqual(Date.parse(first.startedAt));
  });

  it('gives each session exactly the notifications of its seq range, the first one everything before it', async () => {
    const server = await start();
    await notify(server, 1); // before any session: the first session starts at 0 and holds it
    const first = await startSession(server, 'first');
    await notify(server, 2);
    const second = await startSession(server, 'second');
    await notify(server, 3);
    await notify(server, 4);

    expect(describeEvents(await eventsOf(server, first.id))).toEqual(['n1', 'n2']);
    expect(describeEvents(await eventsOf(server, second.id))).toEqual(['n3', 'n4']);
  });

  it('puts recorded requests and responses back among the notifications where the browser saw them', async () => {
    const server = await start();
    const session = await startSession(server);
    await record(server, session.id, 0, request('cancel-a'));
    await notify(server, 1);
    await notify(server, 2);
    await record(server, session.id, 2, response('cancel-a'));
    await notify(server, 3);
    // A second tab that had seen only n1 when it recorded: its events go after n1, before n2.
    await record(server, session.id, 1, request('cancel-b'), response('cancel-b'));

    const events = await eventsOf(server, session.id);
    expect(describeEvents(events)).toEqual(['request cancel-a', 'n1', 'request cancel-b', 'response cancel-b', 'n2', 'response cancel-a', 'n3']);
    const timeline = buildTimeline(events);
    expect(timeline.requests['cancel-a']?.response?.status).toBe(200);
    expect(timeline.lanes.map((lane) => lane.id)).toEqual(['op-1', 'cancel-cancel-b', 'op-2', 'cancel-cancel-a', 'op-3']);
    expect((await list(server)).sessions[0]?.eventCount).toBe(7);
  });

  it('keeps only the fields the timeline reads from a recorded event', async () => {
    const server = await start();
    const session = await startSession(server);
    const withExtra = { afterSeq: 0, event: { ...request('r'), secret: 'dropped' } };
    expect((await json('POST', `/api/sessions/${session.id}/events`, { events: [withExtra] })(server)).status).toBe(204);
    const [stored] = await eventsOf(server, session.id);
    expect(stored).toEqual(request('r', stored?.kind === 'request' ? stored.at : ''));
    expect(JSON.stringify(stored)).not.toContain('dropped');
  });
});

describe('deleting a session', () => {
  it('removes it, its events and its notifications; seq numbers are never reused', async () => {
    const server = await start();
    const old = await startSession(server, 'old');
    await record(server, old.id, 0, request('gone'));
    await notify(server, 1);
    await notify(server, 2);
    const current = await startSession(server, 'current');
    await notify(server, 3);

    const deleted = await json('DELETE', `/api/sessions/${old.id}`)(server);
    expect(deleted.status).toBe(204);
    expect(deleted.text).toBe('');
    expect((await list(server)).sessions.map((session) => session.id)).toEqual([current.id]);
    expectConsoleError(await json('GET', `/api/sessions/${old.id}/events`)(server), 404, 'SessionNotFound', old.id);
    expectConsoleError(await json('DELETE', `/api/sessions/${old.id}`)(server), 404, 'SessionNotFound', 'deleted');
    expect(storedSeqs(server)).toEqual([3]);

    await notify(server, 4);
    const everything = await relay(server.port, 0);
    await everything.waitForNotifications(2);
    await settle();
    expect(everything.notifications().map((notification) => notification.seq)).toEqual([3, 4]);
    expect(everything.messages[0]).toEqual({ type: 'hello', lastSeq: 4 });
    expect(describeEvents(await eventsOf(server, current.id))).toEqual(['n3', 'n4']);
  });

  it('forgets the calls only its notifications mentioned, and describes the others from what is left', async () => {
    const server = await start();
    const knownCalls = async () => ((await json('GET', '/api/known-calls')(server)).json() as { calls: { id: string; state: string }[] }).calls;
    const first = await startSession(server, 'first');
    await forwardNotification(server.port, callState('kept-call', 'establishing'));
    const middle = await startSession(server, 'middle');
    await forwardNotification(server.port, callState('kept-call', 'established'));
    await forwardNotification(server.port, callState('only-in-middle', 'established'));
    await startSession(server, 'last');
    await forwardNotification(server.port, callState('later-call', 'established'));
    expect(await knownCalls()).toEqual([
      expect.objectContaining({ id: 'later-call' }),
      expect.objectContaining({ id: 'only-in-middle' }),
      expect.objectContaining({ id: 'kept-call', state: 'established' }),
    ]);

    expect((await json('DELETE', `/api/sessions/${middle.id}`)(server)).status).toBe(204);
    expect(await knownCalls()).toEqual([expect.objectContaining({ id: 'later-call' }), expect.objectContaining({ id: 'kept-call', state: 'establishing' })]);
    expect((await json('DELETE', `/api/sessions/${first.id}`)(server)).status).toBe(204);
    expect((await knownCalls()).map((call) => call.id)).toEqual(['later-call']);
  });

  it('refuses to delete the current session', async () => {
    const server = await start();
    const current = await startSession(server);
    expectConsoleError(await json('DELETE', `/api/sessions/${current.id}`)(server), 409, 'Conflict', /current session/);
    expect((await list(server)).currentId).toBe(current.id);
  });
});

describe('bad input gets a clear error', () => {
  it('answers malformed JSON, wrong shapes, oversized bodies and unknown ids with a console error body', async () => {
    const server = await start();
    const session = await startSession(server);
    const events = `/api/sessions/${session.id}/events`;

    expectConsoleError(await json('POST', events, '{"events": [')(server), 400, 'BadRequest', /^The body is not JSON/);
    expectConsoleError(await json('POST', events, { events: [] })(server), 400, 'BadRequest', '✖ events must hold at least one event\n  → at events');
    expectConsoleError(
      await json('POST', events, { events: [{ afterSeq: 0, event: { kind: 'notification', seq: 1 } }] })(server),
      400,
      'BadRequest',
      '→ at events[0].event.kind',
    );
    expectConsoleError(await json('POST', events, { events: [{ afterSeq: -1, event: request('x') }] })(server), 400, 'BadRequest', '→ at events[0].afterSeq');
    expectConsoleError(await json('POST', events, { events: [{ afterSeq: 0, event: { ...request('x'), at: 'yesterday' } }] })(server), 400, 'BadRequest', '→ at events[0].event.at');
    const tooMany = Array.from({ length: 501 }, (_, i) => ({ afterSeq: 0, event: request(`r${i}`) }));
    expectConsoleError(await json('POST', events, { events: tooMany })(server), 400, 'BadRequest', 'at most 500 events');
    const huge = { events: [{ afterSeq: 0, event: { ...request('big'), body: { padding: 'x'.repeat(600 * 1024) } } }] };
    expectConsoleError(await json('POST', events, huge)(server), 413, 'RequestEntityTooLarge', /limit of 524288 bytes/);

    const deep = `{"events":[{"afterSeq":0,"event":${JSON.stringify({ ...request('deep'), body: null }).replace('"body":null', `"body":${'['.repeat(5_000)}${']'.repeat(5_000)}`)}}]}`;
    expectConsoleError(await json('POST', events, deep)(server), 400, 'BadRequest', /nests deeper than 64 levels/);

    expectConsoleError(await json('POST', '/api/sessions', '{name:')(server), 400, 'BadRequest', /not JSON/);
    expectConsoleError(await json('POST', '/api/sessions', { name: '  ' })(server), 400, 'BadRequest', '✖ name must not be empty\n  → at name');
    expectConsoleError(await json('POST', '/api/sessions', { name: 'n'.repeat(101) })(server), 400, 'BadRequest', 'at most 100 characters');
    expectConsoleError(await json('POST', '/api/sessions', { title: 'x' })(server), 400, 'BadRequest', /title/);

    const unknown = '6d9a3a8e-0000-4000-8000-000000000000';
    expectConsoleError(await json('GET', `/api/sessions/${unknown}/events`)(server), 404, 'SessionNotFound', unknown);
    expectConsoleError(await json('POST', `/api/sessions/${unknown}/events`, { events: [{ afterSeq: 0, event: request('x') }] })(server), 404, 'SessionNotFound', unknown);
    expectConsoleError(await json('GET', '/api/sessions/not-a-guid/events')(server), 404, 'SessionNotFound', 'not-a-guid');
    expectConsoleError(await json('GET', `/api/sessions/${session.id}/other`)(server), 404, 'NotFound', 'No such endpoint');

    const wrongMethod = await json('PUT', '/api/sessions')(server);
    expectConsoleError(wrongMethod, 405, 'MethodNotAllowed', 'GET, POST');
    expect(wrongMethod.headers.allow).toBe('GET, POST');
    expectConsoleError(await json('GET', `/api/sessions/${session.id}`)(server), 405, 'MethodNotAllowed', 'DELETE');

    // Nothing of that was stored, and the session is as it was.
    expect(await eventsOf(server, session.id)).toEqual([]);
    expect((await list(server)).sessions).toHaveLength(1);
  });
});

describe('the local-surface guards', () => {
  it('refuse a foreign Host, a foreign Origin and cross-site requests, and store nothing', async () => {
    const server = await start();
    const session = await startSession(server);
    const { port } = server;
    const refused: Record<string, string>[] = [
      { host: 'evil.example' },
      { host: `evil.example:${port}` },
      { origin: 'http://evil.example' },
      { origin: `http://localhost:${port + 1}` },
      { 'sec-fetch-site': 'cross-site' },
      { 'x-forwarded-for': '203.0.113.9' },
    ];
    for (const headers of refused) {
      const label = JSON.stringify(headers);
      expect((await json('GET', '/api/sessions', undefined, headers)(server)).status, label).toBe(403);
      expect((await json('POST', '/api/sessions', {}, headers)(server)).status, label).toBe(403);
      expect((await json('POST', `/api/sessions/${session.id}/events`, { events: [{ afterSeq: 0, event: request('x') }] }, headers)(server)).status, label).toBe(403);
      expect((await json('DELETE', `/api/sessions/${session.id}`, undefined, headers)(server)).status, label).toBe(403);
      expect((await json('POST', '/api/notifications/1/redeliver', undefined, headers)(server)).status, label).toBe(403);
    }
    expect((await list(server)).sessions.map((s) => [s.id, s.eventCount])).toEqual([[session.id, 0]]);
    // The same-origin console itself is answered.
    expect((await json('GET', '/api/sessions', undefined, { origin: `http://127.0.0.1:${port}`, 'sec-fetch-site': 'same-origin' })(server)).status).toBe(200);
  });

  it('require the console access token when one guards the console', async () => {
    const server = await start(testConfig({ consoleAccessToken: 'history-tests-token-0123456789' }));
    expect((await json('GET', '/api/sessions')(server)).status).toBe(401);
    expect((await json('POST', '/api/sessions', {})(server)).status).toBe(401);
    expect((await json('GET', '/api/sessions', undefined, { 'x-console-token': 'history-tests-token-0123456789' })(server)).status).toBe(200);
  });
});

describe('a restart', () => {
  it('loses nothing: sessions, recorded events, notifications and which session is current', async () => {
    const config = testConfig({ forwardSecret: TEST_FORWARD_SECRET });
    const before = await start(config);
    const old = await startSession(before, 'before the restart');
    await record(before, old.id, 0, request('kept'));
    await notify(before, 1);
    await record(before, old.id, 1, response('kept'));
    const current = await startSession(before, 'still current');
    await notify(before, 2);
    await record(before, current.id, 2, request('also-kept'));
    const listed = await list(before);
    const oldEvents = await eventsOf(before, old.id);
    const currentEvents = await eventsOf(before, current.id);
    await stop(before);

    const after = await start(config);
    expect(await list(after)).toEqual(listed);
    expect(await eventsOf(after, old.id)).toEqual(oldEvents);
    expect(await eventsOf(after, current.id)).toEqual(currentEvents);
    // The current session carries on: the next notification is seq 3, and it is the current session's.
    await notify(after, 3);
    expect(describeEvents(await eventsOf(after, current.id))).toEqual(['n2', 'request also-kept', 'n3']);
    const next = await startSession(after);
    expect(next.startSeq).toBe(3);
  });

  it('upgrades a DATA_DIR from before sessions and keeps its notifications and their numbering', async () => {
    const dataDir = temporaryDirectory('old-data');
    mkdirSync(dataDir, { recursive: true });
    const old = new Database(join(dataDir, DATABASE_FILE));
    // The schema as the console had it before sessions, user_version never set.
    old.exec(`
      CREATE TABLE notifications (seq INTEGER PRIMARY KEY AUTOINCREMENT, received_at TEXT NOT NULL,
        verified INTEGER NOT NULL CHECK (verified IN (0, 1)), source TEXT NOT NULL, body TEXT NOT NULL);
      CREATE TABLE calls (id TEXT PRIMARY KEY, state TEXT NOT NULL, last_seen_at TEXT NOT NULL, last_seq INTEGER NOT NULL);
    `);
    const insert = old.prepare('INSERT INTO notifications (received_at, verified, source, body) VALUES (?, 1, ?, ?)');
    for (const n of [1, 2]) insert.run('2026-01-01T00:00:00.000Z', 'graph', JSON.stringify(operationDeleted('call-1', `op-${n}`)));
    old.close();

    const server = await start(testConfig({ forwardSecret: TEST_FORWARD_SECRET, dataDir }));
    expect(await list(server)).toEqual({ sessions: [], currentId: null });
    const first = await startSession(server);
    await notify(server, 3);
    expect(describeEvents(await eventsOf(server, first.id))).toEqual(['n1', 'n2', 'n3']);
    const check = new Database(join(dataDir, DATABASE_FILE), { readonly: true });
    expect(check.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    check.close();
  });
});

describe('POST /api/notifications/{seq}/redeliver', () => {
  it('sends the stored notification again, marked, with its own seq, and stores nothing', async () => {
    const server = await start();
    await startSession(server);
    await notify(server, 1);
    await notify(server, 2);
    const watcher = await relay(server.port, 0);
    await watcher.waitForNotifications(2);

    const answer = await json('POST', '/api/notifications/1/redeliver')(server);
    expect(answer.status, answer.text).toBe(200);
    expect(answer.json()).toEqual({ seq: 1, clients: 1 });
    const received = await watcher.waitForNotifications(3);
    expect(received[2]).toMatchObject({ type: 'notification', seq: 1, redelivered: true, source: 'forwarded', body: operationDeleted('call-1', 'op-1', 'n1') });
    expect(received[0]?.redelivered).toBeUndefined();

    // Not stored again, and the numbering is untouched.
    expect(storedSeqs(server)).toEqual([1, 2]);
    await notify(server, 3);
    await watcher.waitForNotifications(4);
    expect(watcher.notifications().map((n) => [n.seq, n.redelivered === true])).toEqual([
      [1, false],
      [2, false],
      [1, true],
      [3, false],
    ]);
    const fresh = await relay(server.port, 0);
    await fresh.waitForNotifications(3);
    await settle();
    expect(fresh.notifications().map((n) => n.seq)).toEqual([1, 2, 3]);
  });

  it('answers 404 for a seq not stored (or deleted with its session), 400 for a bad seq, 405 for GET', async () => {
    const server = await start();
    const old = await startSession(server);
    await notify(server, 1);
    await startSession(server);
    expect((await json('POST', '/api/notifications/1/redeliver')(server)).status).toBe(200);
    expect((await json('DELETE', `/api/sessions/${old.id}`)(server)).status).toBe(204);
    expectConsoleError(await json('POST', '/api/notifications/1/redeliver')(server), 404, 'NotificationNotFound', 'seq 1');
    expectConsoleError(await json('POST', '/api/notifications/99/redeliver')(server), 404, 'NotificationNotFound', 'seq 99');
    expectConsoleError(await json('POST', '/api/notifications/0/redeliver')(server), 400, 'BadRequest', 'positive integer');
    expectConsoleError(await json('POST', '/api/notifications/abc/redeliver')(server), 400, 'BadRequest', 'positive integer');
    expectConsoleError(await json('GET', '/api/notifications/1/redeliver')(server), 405, 'MethodNotAllowed', 'POST');
    expectConsoleError(await json('POST', '/api/notifications/1/forget')(server), 404, 'NotFound', 'No such endpoint');
  });
});

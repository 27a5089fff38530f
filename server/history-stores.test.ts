/**
 * The history over real HTTP on either store: the embedded one (a temporary
 * DATA_DIR) and Redis (a real redis-server this file starts, each test on its
 * own key prefix). A session read is streamed a page at a time with recorded
 * events back among the notifications, its newest part first and the rest
 * before it on request, deleting a session forgets the calls only it knew, and retention (DATA_MAX_DAYS, DATA_MAX_MB) prunes ended
 * sessions and says so, the same on both.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sessionEventsSchema, sessionListSchema, sessionSchema, type Session, type SessionList } from '../src/graph/sessions';
import type { TimelineEvent } from '../src/graph/timeline';
import { startServer, type RunningServer } from './app';
import { openRedisStore } from './redis-store';
import { EVENTS_PAGE_BYTES, EVENTS_PAGE_SIZE } from './session-events-stream';
import { testConfig, type ConfigOverrides } from './test-support/config';
import { forwardNotification, TEST_FORWARD_SECRET } from './test-support/forward';
import { rawRequest } from './test-support/http-client';
import { startRedisServer, type RedisServer } from './test-support/redis-server';
import { callState, operationDeleted } from './test-support/sample-notifications';
import { cancelRequest } from './test-support/sample-events';

let redis: RedisServer | undefined;
beforeAll(async () => {
  redis = await startRedisServer();
});
afterAll(async () => {
  await redis?.stop();
});

const servers: RunningServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

const MB = 1024 * 1024;
const backends = [
  { name: 'SQLite', redis: false },
  { name: 'Redis', redis: true },
];

describe.each(backends)('the history on $name', (backend) => {
  async function start(overrides: ConfigOverrides = {}): Promise<RunningServer> {
    const config = testConfig({ forwardSecret: TEST_FORWARD_SECRET, ...overrides });
    const store = backend.redis ? await openRedisStore({ url: redis?.url ?? '', streamMaxEntries: 100_000, keyPrefix: `test-${randomUUID()}:` }) : undefined;
    const server = await startServer(config, { log: () => undefined, ...(store ? { store } : {}) });
    servers.push(server);
    return server;
  }
  const call = (server: RunningServer, method: string, path: string, body?: unknown) =>
    rawRequest(server.port, { method, path, headers: { 'content-type': 'application/json' }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  const startSession = async (server: RunningServer, name: string): Promise<Session> => {
    const answer = await call(server, 'POST', '/api/sessions', { name });
    expect(answer.status, answer.text).toBe(201);
    return sessionSchema.parse(answer.json());
  };
  const list = async (server: RunningServer): Promise<SessionList> => sessionListSchema.parse((await call(server, 'GET', '/api/sessions')).json());
  const names = async (server: RunningServer) => (await list(server)).sessions.map((session) => session.name);
  const request = (id: string): TimelineEvent => cancelRequest(id);
  const record = async (server: RunningServer, sessionId: string, afterSeq: number, ...ids: string[]) => {
    const answer = await call(server, 'POST', `/api/sessions/${sessionId}/events`, { events: ids.map((id) => ({ afterSeq, event: request(id) })) });
    expect(answer.status, answer.text).toBe(204);
  };

  it('streams a session of several pages with each recorded event right after the notification it followed', async () => {
    const server = await start();
    const session = await startSession(server, 'long');
    const count = EVENTS_PAGE_SIZE * 2 + 50;
    for (let n = 1; n <= count; n += 1) await forwardNotification(server.port, operationDeleted('call-1', `op-${n}`, `n${n}`));
    await record(server, session.id, 120, 'late-tab');
    await record(server, session.id, 0, 'first');
    await record(server, session.id, 120, 'after-late-tab');
    const answer = await call(server, 'GET', `/api/sessions/${session.id}/events`);
    expect(answer.status).toBe(200);
    const { events } = sessionEventsSchema.parse(answer.json());
    const described = events.map((event) => (event.kind === 'notification' ? `n${event.seq}` : event.kind === 'request' ? event.id : event.kind));
    expect(described).toHaveLength(count + 3);
    expect(described.slice(0, 2)).toEqual(['first', 'n1']);
    expect(described.slice(120, 124)).toEqual(['n120', 'late-tab', 'after-late-tab', 'n121']);
    expect(described.at(-1)).toBe(`n${count}`);
  });

  it('streams a session of large notifications a few to a page, each body whole and in order', async () => {
    const server = await start();
    const session = await startSession(server, 'large bodies');
    // Bodies of nearly half a page each: pages of a few rows, and sessions ending on a full page and on a short one.
    const padding = 'x'.repeat(Math.floor(EVENTS_PAGE_BYTES * 0.45));
    for (let n = 1; n <= 9; n += 1) await forwardNotification(server.port, { ...operationDeleted('call-1', `op-${n}`, `n${n}`), padding });
    await record(server, session.id, 4, 'after-4');
    const read = async () => {
      const answer = await call(server, 'GET', `/api/sessions/${session.id}/events`);
      expect(answer.status, answer.text).toBe(200);
      return sessionEventsSchema.parse(answer.json()).events.map((event) =>
        event.kind === 'notification' ? `n${event.seq}:${(event.body as { padding?: string }).padding === padding ? 'whole' : 'cut'}` : event.kind === 'request' ? event.id : event.kind,
      );
    };
    const nine = Array.from({ length: 9 }, (_, index) => `n${index + 1}:whole`);
    expect(await read()).toEqual([...nine.slice(0, 4), 'after-4', ...nine.slice(4)]);
    await forwardNotification(server.port, { ...operationDeleted('call-1', 'op-10', 'n10'), padding });
    expect(await read()).toEqual([...nine.slice(0, 4), 'after-4', ...nine.slice(4), 'n10:whole']);
  });

  it('sends the newest notifications first, then the rest before them, a part at a time: each event once, in order', async () => {
    const server = await start();
    const session = await startSession(server, 'newest first');
    for (let n = 1; n <= 25; n += 1) await forwardNotification(server.port, operationDeleted('call-1', `op-${n}`, `n${n}`));
    await record(server, session.id, 0, 'first');
    await record(server, session.id, 19, 'after-19');
    await record(server, session.id, 20, 'after-20');
    await record(server, session.id, 25, 'last');
    const read = async (query: string) => {
      const answer = await call(server, 'GET', `/api/sessions/${session.id}/events${query}`);
      expect(answer.status, answer.text).toBe(200);
      const parsed = sessionEventsSchema.parse(answer.json());
      return { before: parsed.before, events: parsed.events.map((event) => (event.kind === 'notification' ? `n${event.seq}` : event.kind === 'request' ? event.id : event.kind)) };
    };
    const whole = await read('');
    expect(whole.events).toHaveLength(29);

    // The newest 6 notifications and what was recorded after the oldest of them; earlier events start at 20.
    const newest = await read('?newest=6');
    expect(newest).toEqual({ before: 20, events: ['n20', 'after-20', 'n21', 'n22', 'n23', 'n24', 'n25', 'last'] });
    // Then back, 10 notifications a read, until an answer names no earlier start.
    const parts = [newest.events];
    for (let before = newest.before; before !== undefined; ) {
      const part = await read(`?newest=10&before=${before}`);
      parts.unshift(part.events);
      before = part.before;
    }
    expect(parts).toHaveLength(3);
    expect(parts.flat()).toEqual(whole.events);
    // All that came before a seq, in one read; more than the session holds is the whole of it.
    expect((await read('?before=3')).events).toEqual(['first', 'n1', 'n2']);
    expect(await read('?newest=100')).toEqual({ events: whole.events });
  });

  it('refuses a read of a session with a newest or before that is not a whole number in range, and says why', async () => {
    const server = await start();
    const session = await startSession(server, 'bad queries');
    for (const [query, says] of [
      ['?newest=0', 'newest must be a whole number from 1'],
      ['?newest=many', 'newest must be a whole number from 1'],
      ['?newest=10001', 'newest must be at most 10000'],
      ['?before=-3', 'before must be a whole number from 1'],
      ['?newest=5&before=1.5', 'before must be a whole number from 1'],
    ] as const) {
      const answer = await call(server, 'GET', `/api/sessions/${session.id}/events${query}`);
      expect(answer.status, query).toBe(400);
      expect(answer.json()).toMatchObject({ error: { code: 'BadRequest' } });
      expect(answer.text, query).toContain(says);
    }
  });

  it('answers the current session\'s events at /api/sessions/current/events, with the same queries; 204 before any session', async () => {
    const server = await start();
    const none = await call(server, 'GET', '/api/sessions/current/events?newest=5');
    expect(none.status).toBe(204);
    expect(none.text).toBe('');

    await startSession(server, 'ended');
    await forwardNotification(server.port, operationDeleted('call-1', 'op-1', 'n1'));
    const current = await startSession(server, 'current');
    for (let n = 2; n <= 9; n += 1) await forwardNotification(server.port, operationDeleted('call-1', `op-${n}`, `n${n}`));
    await record(server, current.id, 9, 'last');
    const read = async (path: string) => {
      const answer = await call(server, 'GET', path);
      expect(answer.status, answer.text).toBe(200);
      return answer.json();
    };
    for (const query of ['', '?newest=3', '?newest=3&before=7', '?before=4']) {
      const alias = sessionEventsSchema.parse(await read(`/api/sessions/current/events${query}`));
      expect(alias.session, query).toEqual(current);
      expect(alias, query).toEqual(sessionEventsSchema.parse(await read(`/api/sessions/${current.id}/events${query}`)));
    }
    expect(sessionEventsSchema.parse(await read('/api/sessions/current/events?newest=3')).events.map((event) => (event.kind === 'notification' ? `n${event.seq}` : event.kind))).toEqual([
      'n7',
      'n8',
      'n9',
      'request',
    ]);

    const bad = await call(server, 'GET', '/api/sessions/current/events?newest=0');
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('newest must be a whole number from 1');
    const post = await call(server, 'POST', '/api/sessions/current/events', { events: [{ afterSeq: 0, event: request('x') }] });
    expect(post.status).toBe(405);
    expect(post.headers.allow).toBe('GET');
  });

  it('forgets, with a deleted session, the calls only it mentioned', async () => {
    const server = await start();
    const knownCalls = async () => ((await call(server, 'GET', '/api/known-calls')).json() as { calls: { id: string; state: string }[] }).calls;
    await startSession(server, 'first');
    await forwardNotification(server.port, callState('kept-call', 'establishing'));
    const middle = await startSession(server, 'middle');
    await forwardNotification(server.port, callState('kept-call', 'established'));
    await forwardNotification(server.port, callState('only-in-middle', 'established'));
    await startSession(server, 'last');
    expect((await call(server, 'DELETE', `/api/sessions/${middle.id}`)).status).toBe(204);
    expect((await knownCalls()).map((known) => [known.id, known.state])).toEqual([['kept-call', 'establishing']]);
  });

  it('deletes ended sessions older than DATA_MAX_DAYS and says so; the current one stays', async () => {
    // Anything ended is "older" than a millisecond.
    const server = await start({ retention: { maxAgeMs: 1, checkIntervalMs: 50 } });
    await startSession(server, 'Old');
    await forwardNotification(server.port, operationDeleted('call-1', 'op-old'));
    await startSession(server, 'Current');
    await expect.poll(() => names(server), { timeout: 5_000 }).toEqual(['Current']);
    expect(JSON.stringify((await list(server)).pruned)).toContain('DATA_MAX_DAYS');
  });

  it('deletes ended sessions oldest first while the history is over DATA_MAX_MB', async () => {
    const server = await start({ retention: { maxBytes: 1 * MB, checkIntervalMs: 50 } });
    const padded = (n: number) => ({ ...operationDeleted('call-1', `op-${n}`), padding: 'x'.repeat(100 * 1024) });
    for (const name of ['First', 'Second', 'Third']) {
      await startSession(server, name);
      for (let n = 0; n < 5; n += 1) await forwardNotification(server.port, padded(n));
    }
    await startSession(server, 'Current');
    await expect.poll(() => names(server), { timeout: 5_000 }).toEqual(['Current', 'Third']);
    expect((await list(server)).pruned).toMatchObject({ sessions: [{ name: 'First' }, { name: 'Second' }] });
  });
});

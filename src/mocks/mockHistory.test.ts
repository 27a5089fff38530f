/**
 * Mock mode's history over IndexedDB (fake-indexeddb in Node), through the
 * same shared endpoints msw serves: ranges, order, deletion, numbering that
 * survives a reopen (a page reload), and the import of the old localStorage log.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { createConsoleApi } from '../api/consoleApi';
import { sessionListSchema, sessionSchema, type Session } from '../graph/sessions';
import type { TimelineEvent } from '../graph/timeline';
import { openHistoryDb, WORLD_STORES, type HistoryDb } from './historyDb';
import { createMockSessionStore } from './mockSessionStore';
import { RelayLog, storeNotifications } from './relayLog';

let dbCount = 0;
const opened: HistoryDb[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
  Reflect.deleteProperty(globalThis, 'localStorage');
});

/** One "page life": the database opened, the relay log loaded, the endpoints over them. */
async function openPage(name: string) {
  const db = await openHistoryDb(name);
  opened.push(db);
  const log = await RelayLog.open(db);
  const api = createConsoleApi({
    sessions: createMockSessionStore(db, () => log.lastSeq),
    knownCalls: () => [],
    redeliver: async (seq) => ((await log.get(seq)) ? { clients: 1 } : undefined),
    newId: () => crypto.randomUUID(),
    now: () => new Date(),
  });
  const call = async (method: string, path: string, body?: unknown) => {
    const text = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
    const response = await api.fetch(new Request(`http://mock.test${path}`, { method, ...(text === undefined ? {} : { body: text }) }));
    const answer = await response.text();
    return { status: response.status, body: answer === '' ? undefined : (JSON.parse(answer) as unknown) };
  };
  /** As the simulated world stores what it sent: numbered inside its own transaction. */
  const notify = async (n: number) => {
    const tx = db.transaction(WORLD_STORES, 'readwrite');
    const [stored] = await storeNotifications(tx, [
      { receivedAt: new Date().toISOString(), verified: false, source: 'simulator', body: { value: [{ changeType: 'updated', resourceUrl: `/communications/calls/c/operations/op-${n}` }] } },
    ]);
    await tx.done;
    if (!stored) throw new Error('nothing stored');
    log.noteSeq(stored.seq);
    return stored;
  };
  const startSession = async (name?: string) => sessionSchema.parse((await call('POST', '/api/sessions', name ? { name } : {})).body);
  const list = async () => sessionListSchema.parse((await call('GET', '/api/sessions')).body);
  const events = async (session: Session) => ((await call('GET', `/api/sessions/${session.id}/events`)).body as { events: TimelineEvent[] }).events;
  return { db, log, call, notify, startSession, list, events };
}

const freshName = () => `mock-history-test-${(dbCount += 1)}`;
const seqsOf = (events: TimelineEvent[]) => events.map((event) => (event.kind === 'notification' ? event.seq : event.kind));
const request = (id: string): TimelineEvent => ({ kind: 'request', id, at: new Date().toISOString(), callId: 'c', profile: 'v1.0', method: 'POST', path: '/x', body: {} });

describe('mock history in IndexedDB', () => {
  it('keeps sessions, their ranges and their recorded events like the server does', async () => {
    const page = await openPage(freshName());
    const first = await page.startSession('first');
    expect(first.startSeq).toBe(0);
    expect((await page.call('POST', `/api/sessions/${first.id}/events`, { events: [{ afterSeq: 0, event: request('a') }] })).status).toBe(204);
    await page.notify(1);
    await page.notify(2);
    const second = await page.startSession();
    expect(second.startSeq).toBe(2);
    await page.notify(3);

    expect(seqsOf(await page.events(first))).toEqual(['request', 1, 2]);
    expect(seqsOf(await page.events(second))).toEqual([3]);
    const { sessions, currentId } = await page.list();
    expect(currentId).toBe(second.id);
    expect(sessions.map((session) => [session.name, session.endSeq, session.eventCount])).toEqual([
      [second.name, undefined, 1],
      ['first', 2, 3],
    ]);
  });

  it('lists a session that holds no notification (an empty seq range) without error', async () => {
    const page = await openPage(freshName());
    const empty = await page.startSession('empty');
    await page.startSession('next');
    expect((await page.list()).sessions.find((session) => session.id === empty.id)?.eventCount).toBe(0);
    expect(await page.events(empty)).toEqual([]);
    expect((await page.call('DELETE', `/api/sessions/${empty.id}`)).status).toBe(204);
  });

  it('deletes a session with its events and notifications; numbering carries on after a reload', async () => {
    const name = freshName();
    const page = await openPage(name);
    const old = await page.startSession('old');
    await page.call('POST', `/api/sessions/${old.id}/events`, { events: [{ afterSeq: 0, event: request('gone') }] });
    await page.notify(1);
    await page.notify(2);
    const current = await page.startSession('current');
    expect((await page.call('DELETE', `/api/sessions/${current.id}`)).status).toBe(409);
    expect((await page.call('DELETE', `/api/sessions/${old.id}`)).status).toBe(204);
    expect(await page.log.since(0)).toEqual([]);
    expect((await page.call('POST', '/api/notifications/1/redeliver')).status).toBe(404);
    expect((await page.call('GET', `/api/sessions/${old.id}/events`)).status).toBe(404);
    page.db.close();

    // The newest notifications were deleted, yet the next seq is still 3.
    const reloaded = await openPage(name);
    expect(reloaded.log.lastSeq).toBe(2);
    expect((await reloaded.notify(3)).seq).toBe(3);
    expect((await reloaded.list()).sessions.map((session) => session.id)).toEqual([current.id]);
    expect(seqsOf(await reloaded.events(current))).toEqual([3]);
  });

  it('survives a reload whole: sessions, events and notifications', async () => {
    const name = freshName();
    const page = await openPage(name);
    const session = await page.startSession('kept');
    await page.call('POST', `/api/sessions/${session.id}/events`, { events: [{ afterSeq: 0, event: request('r') }] });
    for (let n = 1; n <= 50; n += 1) await page.notify(n);
    const before = await page.events(session);
    page.db.close();

    const reloaded = await openPage(name);
    expect(await reloaded.events(session)).toEqual(before);
    expect(before).toHaveLength(51);
    expect((await reloaded.list()).currentId).toBe(session.id);
  });

  it('answers the current session\'s events at /api/sessions/current/events as the server does; 204 before any session', async () => {
    const page = await openPage(freshName());
    expect(await page.call('GET', '/api/sessions/current/events?newest=2')).toEqual({ status: 204, body: undefined });
    await page.startSession('ended');
    await page.notify(1);
    const current = await page.startSession('current');
    for (let n = 2; n <= 5; n += 1) await page.notify(n);
    const alias = await page.call('GET', '/api/sessions/current/events?newest=2');
    expect(alias).toEqual(await page.call('GET', `/api/sessions/${current.id}/events?newest=2`));
    expect(alias.status).toBe(200);
    expect(alias.body).toMatchObject({ session: current, before: 4 });
    expect(seqsOf((alias.body as { events: TimelineEvent[] }).events)).toEqual([4, 5]);
    expect(await page.call('GET', '/api/sessions/current/events?before=x')).toMatchObject({ status: 400, body: { error: { code: 'BadRequest' } } });
  });

  it('gives the same clear errors as the server', async () => {
    const page = await openPage(freshName());
    const session = await page.startSession();
    expect(await page.call('POST', `/api/sessions/${session.id}/events`, '{')).toMatchObject({ status: 400, body: { error: { code: 'BadRequest' } } });
    const unknown = await page.call('GET', '/api/sessions/6d9a3a8e-0000-4000-8000-000000000000/events');
    expect(unknown).toMatchObject({ status: 404, body: { error: { code: 'SessionNotFound' } } });
  });

  it('imports the relay log mock mode kept in localStorage before, once', async () => {
    const items = new Map<string, string>();
    const legacyNotification = { type: 'notification', seq: 7, receivedAt: '2026-01-01T00:00:00.000Z', verified: false, source: 'simulator', body: { value: [] } };
    items.set('comms-console.mock-relay', JSON.stringify({ lastSeq: 7, entries: [legacyNotification] }));
    Object.assign(globalThis, {
      localStorage: { getItem: (key: string) => items.get(key) ?? null, removeItem: (key: string) => items.delete(key) },
    });
    const page = await openPage(freshName());
    expect(page.log.lastSeq).toBe(7);
    expect(await page.log.since(0)).toEqual([legacyNotification]);
    expect(items.has('comms-console.mock-relay')).toBe(false);
    expect((await page.notify(8)).seq).toBe(8);
  });
});

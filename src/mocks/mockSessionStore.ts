/**
 * Sessions in mock mode, in IndexedDB: the same SessionStore the server keeps
 * in SQLite (server/session-store.ts), so the shared history endpoints answer
 * the same in both modes. Each method is one IndexedDB transaction.
 */
import type { NewSession, SessionStore } from '../api/stores';
import { nextStartSeq, sessionTimeline } from '../graph/sessionTimeline';
import type { Session, SessionSummary } from '../graph/sessions';
import { seqRange, type HistoryDb, type StoredSession } from './historyDb';

/** The stored record without its list position: what the API answers. */
function toSession({ position: _position, ...session }: StoredSession): Session {
  return session;
}

/** `relayLastSeq`: the relay log's last seq; a session started now begins after it. */
export function createMockSessionStore(db: HistoryDb, relayLastSeq: () => number): SessionStore {
  return {
    async list() {
      const tx = db.transaction(['sessions', 'sessionEvents', 'notifications']);
      const stored = (await tx.objectStore('sessions').getAll()).sort((a, b) => b.position - a.position);
      const sessions: SessionSummary[] = [];
      for (const session of stored) {
        const range = seqRange(session);
        const recorded = await tx.objectStore('sessionEvents').index('bySession').count(session.id);
        const notifications = range ? await tx.objectStore('notifications').count(range) : 0;
        sessions.push({ ...toSession(session), eventCount: recorded + notifications });
      }
      await tx.done;
      return { sessions, currentId: stored.find((session) => session.endSeq === undefined)?.id ?? null };
    },

    async start(session: NewSession) {
      const tx = db.transaction('sessions', 'readwrite');
      const all = await tx.store.getAll();
      const current = all.find((stored) => stored.endSeq === undefined);
      const lastSeq = relayLastSeq();
      if (current) {
        current.endedAt = session.startedAt;
        current.endSeq = lastSeq;
        await tx.store.put(current);
      }
      const ended = all.map((stored) => stored.endSeq).filter((seq): seq is number => seq !== undefined);
      const startSeq = nextStartSeq({ currentIsOpen: current !== undefined, lastSeq, latestEndSeq: ended.length > 0 ? Math.max(...ended) : undefined });
      const position = all.reduce((highest, stored) => Math.max(highest, stored.position), 0) + 1;
      const created: StoredSession = { ...session, startSeq, position };
      await tx.store.add(created);
      await tx.done;
      return toSession(created);
    },

    async get(id) {
      const stored = await db.get('sessions', id);
      return stored ? toSession(stored) : undefined;
    },

    async current() {
      const stored = (await db.getAll('sessions')).find((session) => session.endSeq === undefined);
      return stored ? toSession(stored) : undefined;
    },

    async events(session) {
      const tx = db.transaction(['sessionEvents', 'notifications']);
      // An index lists equal keys in primary-key order: the order they were recorded.
      const recorded = await tx.objectStore('sessionEvents').index('bySession').getAll(session.id);
      const range = seqRange(session);
      const notifications = range ? await tx.objectStore('notifications').getAll(range) : [];
      await tx.done;
      return sessionTimeline(
        recorded.map(({ afterSeq, event }) => ({ afterSeq, event })),
        notifications,
      );
    },

    async append(sessionId, events) {
      const tx = db.transaction('sessionEvents', 'readwrite');
      for (const { afterSeq, event } of events) await tx.store.add({ sessionId, afterSeq, event });
      await tx.done;
    },

    async remove(session) {
      const tx = db.transaction(['sessions', 'sessionEvents', 'notifications'], 'readwrite');
      const range = seqRange(session);
      if (range && session.endSeq !== undefined) await tx.objectStore('notifications').delete(range);
      const eventKeys = await tx.objectStore('sessionEvents').index('bySession').getAllKeys(session.id);
      for (const key of eventKeys) await tx.objectStore('sessionEvents').delete(key);
      await tx.objectStore('sessions').delete(session.id);
      await tx.done;
    },
  };
}

/**
 * Mock mode's history in the browser's IndexedDB (through `idb`, a thin
 * promise wrapper): the relay's notifications, numbered as the server numbers
 * them, and the sessions with what the browser recorded. IndexedDB, unlike
 * localStorage, holds a long session whole.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { RelayNotification } from '../graph/schemas';
import type { PlacedEvent, Session } from '../graph/sessions';

export const HISTORY_DB_NAME = 'comms-console-mock-history';

/** A session as stored: `position` orders the list (creation order), and is not part of the API. */
export type StoredSession = Session & { position: number };
export type StoredEvent = PlacedEvent & { sessionId: string };

export interface HistoryDbSchema extends DBSchema {
  /** Keyed by seq. */
  notifications: { key: number; value: RelayNotification };
  /** `lastSeq`: the last seq handed out, kept apart because deleting a session deletes notifications, never numbers. */
  meta: { key: string; value: number };
  sessions: { key: string; value: StoredSession };
  /** Keyed by an auto-incremented number: arrival order. */
  sessionEvents: { key: number; value: StoredEvent; indexes: { bySession: string } };
}

export type HistoryDb = IDBPDatabase<HistoryDbSchema>;

export function openHistoryDb(name = HISTORY_DB_NAME): Promise<HistoryDb> {
  return openDB<HistoryDbSchema>(name, 1, {
    upgrade(db, oldVersion) {
      // One step per version, in order, as server/database.ts does for SQLite.
      if (oldVersion < 1) {
        db.createObjectStore('notifications', { keyPath: 'seq' });
        db.createObjectStore('meta');
        db.createObjectStore('sessions', { keyPath: 'id' });
        db.createObjectStore('sessionEvents', { autoIncrement: true }).createIndex('bySession', 'sessionId');
      }
    },
  });
}

/** The seq range a session holds, (startSeq, endSeq], as an IndexedDB key range; null when it holds none. */
export function seqRange(session: Pick<Session, 'startSeq' | 'endSeq'>): IDBKeyRange | null {
  if (session.endSeq === undefined) return IDBKeyRange.lowerBound(session.startSeq, true);
  // IndexedDB refuses an empty range (DataError) rather than matching nothing.
  if (session.endSeq <= session.startSeq) return null;
  return IDBKeyRange.bound(session.startSeq, session.endSeq, true, false);
}

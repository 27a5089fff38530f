/**
 * Mock mode's history in the browser's IndexedDB (through `idb`, a thin
 * promise wrapper): the simulated world (the calls' state), the relay's
 * notifications, numbered as the server numbers them, and the sessions with
 * what the browser recorded. IndexedDB, unlike localStorage, holds a long
 * session whole, and its transactions let every tab of the console change the
 * one world in turn.
 */
import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction } from 'idb';
import type { RelayNotification } from '../graph/schemas';
import type { PlacedEvent, Session } from '../graph/sessions';
import type { SimState } from '../graph/simulator/model';

export const HISTORY_DB_NAME = 'comms-console-mock-history';

/** The simulator's state; `revision` grows by one with every change, so a tab knows when its copy is stale. */
export interface SavedWorld {
  revision: number;
  state: SimState;
}

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
  /** One record, WORLD_KEY. */
  world: { key: string; value: SavedWorld };
}

export type HistoryDb = IDBPDatabase<HistoryDbSchema>;
export const WORLD_STORES = ['world', 'notifications', 'meta'] as const;
/** A change to the world: its state, the notifications it sent and their numbering, all or nothing. */
export type WorldTransaction = IDBPTransaction<HistoryDbSchema, typeof WORLD_STORES, 'readwrite'>;

export function openHistoryDb(name = HISTORY_DB_NAME): Promise<HistoryDb> {
  return openDB<HistoryDbSchema>(name, 2, {
    upgrade(db, oldVersion) {
      // One step per version, in order, as server/database.ts does for SQLite.
      if (oldVersion < 1) {
        db.createObjectStore('notifications', { keyPath: 'seq' });
        db.createObjectStore('meta');
        db.createObjectStore('sessions', { keyPath: 'id' });
        db.createObjectStore('sessionEvents', { autoIncrement: true }).createIndex('bySession', 'sessionId');
      }
      // The simulator was saved in localStorage before: mockWorld.ts moves it here on first open.
      if (oldVersion < 2) db.createObjectStore('world');
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

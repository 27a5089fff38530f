/**
 * Mock mode's relay log: every notification the simulator sent, numbered as
 * the server's store numbers them (seq grows by one and never repeats, even
 * after deletes), kept in IndexedDB. Notifications are numbered and stored
 * inside the simulated world's transaction (mockWorld.ts), so a notification
 * exists exactly when the world state that sent it does, whichever tab wrote it.
 */
import { z } from 'zod';
import { relayMessageSchema, type RelayNotification } from '../graph/schemas';
import type { HistoryDb, WorldTransaction } from './historyDb';

/** Where mock mode kept its relay log before IndexedDB; read once, then removed. */
const LEGACY_LOCAL_STORAGE_KEY = 'comms-console.mock-relay';
const LAST_SEQ_KEY = 'lastSeq';
const legacyLogSchema = z.object({ lastSeq: z.number().int().nonnegative(), entries: z.array(relayMessageSchema) });

export type NewNotification = Omit<RelayNotification, 'type' | 'seq'>;

export class RelayLog {
  private constructor(
    private readonly db: HistoryDb,
    private last: number,
  ) {}

  static async open(db: HistoryDb): Promise<RelayLog> {
    await importLegacyLog(db);
    const saved = (await db.get('meta', LAST_SEQ_KEY)) ?? 0;
    const newest = await db.transaction('notifications').store.openCursor(null, 'prev');
    return new RelayLog(db, Math.max(saved, newest?.key ?? 0));
  }

  /** The last seq this page knows was handed out (by it or, through the world's broadcasts, another tab). */
  get lastSeq(): number {
    return this.last;
  }

  /** Another tab (or this one) stored up to this seq. */
  noteSeq(seq: number): void {
    this.last = Math.max(this.last, seq);
  }

  /** Every stored notification after `seq`, in order. */
  since(seq: number): Promise<RelayNotification[]> {
    return this.db.getAll('notifications', IDBKeyRange.lowerBound(seq, true));
  }

  get(seq: number): Promise<RelayNotification | undefined> {
    return this.db.get('notifications', seq);
  }
}

/**
 * Numbers and stores notifications inside a transaction that is already open: the numbering is
 * read from the database, not from memory, so two tabs writing in turn never hand out one seq twice.
 */
export async function storeNotifications(tx: WorldTransaction, notifications: readonly NewNotification[]): Promise<RelayNotification[]> {
  if (notifications.length === 0) return [];
  const meta = tx.objectStore('meta');
  const newest = await tx.objectStore('notifications').openCursor(null, 'prev');
  let seq = Math.max((await meta.get(LAST_SEQ_KEY)) ?? 0, newest?.key ?? 0);
  const stored = notifications.map((fields): RelayNotification => ({ type: 'notification', seq: (seq += 1), ...fields }));
  for (const message of stored) await tx.objectStore('notifications').put(message);
  await meta.put(seq, LAST_SEQ_KEY);
  return stored;
}

/** A browser that used the console before IndexedDB: carry its numbering and notifications over. */
async function importLegacyLog(db: HistoryDb): Promise<void> {
  const text = globalThis.localStorage?.getItem(LEGACY_LOCAL_STORAGE_KEY);
  if (!text) return;
  try {
    const legacy = legacyLogSchema.parse(JSON.parse(text));
    const tx = db.transaction(['notifications', 'meta'], 'readwrite');
    const saved = (await tx.objectStore('meta').get(LAST_SEQ_KEY)) ?? 0;
    if (legacy.lastSeq > saved) {
      await tx.objectStore('meta').put(legacy.lastSeq, LAST_SEQ_KEY);
      for (const entry of legacy.entries) if (entry.type === 'notification') await tx.objectStore('notifications').put(entry);
    }
    await tx.done;
  } catch {
    // A corrupt save should not stop the console: start from what IndexedDB has.
  }
  globalThis.localStorage.removeItem(LEGACY_LOCAL_STORAGE_KEY);
}

/**
 * Mock mode's relay log: every notification the simulator sent, numbered as
 * the server's store numbers them (seq grows by one and never repeats, even
 * after deletes), kept in IndexedDB. Numbering is synchronous, in memory; the
 * write follows at once, and IndexedDB runs transactions in the order they
 * were opened, so any later read (a reconnect, a session's events) sees it.
 */
import { z } from 'zod';
import { relayMessageSchema, type RelayNotification } from '../graph/schemas';
import type { HistoryDb } from './historyDb';

/** Where mock mode kept its relay log before IndexedDB; read once, then removed. */
const LEGACY_LOCAL_STORAGE_KEY = 'comms-console.mock-relay';
const LAST_SEQ_KEY = 'lastSeq';
const legacyLogSchema = z.object({ lastSeq: z.number().int().nonnegative(), entries: z.array(relayMessageSchema) });

export class RelayLog {
  private constructor(
    private readonly db: HistoryDb,
    private last: number,
    private readonly onWriteError: (error: unknown) => void,
  ) {}

  static async open(db: HistoryDb, onWriteError: (error: unknown) => void = (error) => console.error('Mock relay log: a write failed', error)): Promise<RelayLog> {
    await importLegacyLog(db);
    const saved = (await db.get('meta', LAST_SEQ_KEY)) ?? 0;
    const newest = await db.transaction('notifications').store.openCursor(null, 'prev');
    return new RelayLog(db, Math.max(saved, newest?.key ?? 0), onWriteError);
  }

  get lastSeq(): number {
    return this.last;
  }

  /** Numbers and stores a notification; the message is ready to send at once. */
  append(fields: Omit<RelayNotification, 'type' | 'seq'>): RelayNotification {
    this.last += 1;
    const message: RelayNotification = { type: 'notification', seq: this.last, ...fields };
    const tx = this.db.transaction(['notifications', 'meta'], 'readwrite');
    void tx.objectStore('notifications').put(message);
    void tx.objectStore('meta').put(this.last, LAST_SEQ_KEY);
    tx.done.catch(this.onWriteError);
    return message;
  }

  /** Every stored notification after `seq`, in order. */
  since(seq: number): Promise<RelayNotification[]> {
    return this.db.getAll('notifications', IDBKeyRange.lowerBound(seq, true));
  }

  get(seq: number): Promise<RelayNotification | undefined> {
    return this.db.get('notifications', seq);
  }
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

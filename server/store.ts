/**
 * The embedded notification log: one SQLite file under DATA_DIR (better-sqlite3,
 * WAL). `seq` is SQLite's AUTOINCREMENT key, so it only grows and never
 * repeats, across restarts too; the relay resumes clients from it. The calls
 * seen in notifications are kept alongside, updated in the same transaction.
 * One process owns the file, so following the log is hearing this process's
 * own appends, right after each commits.
 *
 * Group commit (group-commit.ts): the appends made during one turn of the
 * event loop are written in one transaction at the end of that turn, in the
 * order they were made, so seq order is append order. Each append resolves
 * (and its 202 is sent) only once that transaction has committed, and the
 * listeners (the relay) hear of each right before it resolves. If the commit
 * fails, every append of the batch rejects with the error and no listener
 * hears of any of them: nothing of a failed batch is stored or relayed.
 */
import type { KnownCall } from '../src/graph/console';
import type { NotificationSource, RelayNotification } from '../src/graph/schemas';
import type { FeedListener, NewNotification, NotificationLog } from './console-store';
import { join } from 'node:path';
import { DATABASE_FILE, openDatabase } from './database';
import { groupCommit } from './group-commit';
import { callsInNotifications, type CallSighting } from './known-calls';
import { startWalCheckpointer, stopAutoCheckpoints } from './wal-checkpointer';

export { DATABASE_FILE } from './database';

export interface SqliteNotificationLog extends NotificationLog {
  /** lastSeq, synchronously: the session store reads it inside its own transaction. */
  lastSeqNow(): number;
  knownCalls(): KnownCall[];
  close(): Promise<void>;
}

export interface NotificationRow {
  seq: number;
  received_at: string;
  verified: number;
  source: NotificationSource;
  body: string;
}

interface CallRow {
  id: string;
  state: string;
  last_seen_at: string;
}

/** (id, state or 'unknown', seen at, seq, state or null): a sighting without a state keeps the state already known. */
export type CallUpsert = [string, string, string, number, string | null];
export const UPSERT_CALL = `
  INSERT INTO calls (id, state, last_seen_at, last_seq) VALUES (?, ?, ?, ?)
  ON CONFLICT (id) DO UPDATE SET
    state = COALESCE(?, calls.state),
    last_seen_at = excluded.last_seen_at,
    last_seq = excluded.last_seq
`;

export function toRelayNotification(row: NotificationRow): RelayNotification {
  return {
    type: 'notification',
    seq: row.seq,
    receivedAt: row.received_at,
    verified: row.verified === 1,
    source: row.source,
    body: JSON.parse(row.body) as unknown,
  };
}

export function openSqliteLog(dataDir: string, onListenerError: (error: unknown) => void, log: (line: string) => void = () => undefined): SqliteNotificationLog {
  // The schema (tables, migrations) lives in database.ts, shared with the session store.
  const db = openDatabase(dataDir);
  // This connection commits on the callback's path: its checkpoints run in a thread of their own.
  stopAutoCheckpoints(db);
  const checkpointer = startWalCheckpointer(join(dataDir, DATABASE_FILE), log);
  const listeners = new Set<FeedListener>();

  const insertNotification = db.prepare<[string, number, string, string]>(
    'INSERT INTO notifications (received_at, verified, source, body) VALUES (?, ?, ?, ?)',
  );
  const upsertCall = db.prepare<CallUpsert>(UPSERT_CALL);
  const selectAfter = db.prepare<[number, number], NotificationRow>(
    'SELECT seq, received_at, verified, source, body FROM notifications WHERE seq > ? ORDER BY seq LIMIT ?',
  );
  const selectOne = db.prepare<[number], NotificationRow>('SELECT seq, received_at, verified, source, body FROM notifications WHERE seq = ?');
  const selectLastSeq = db.prepare<[], { seq: number | null }>('SELECT MAX(seq) AS seq FROM notifications');
  // AUTOINCREMENT's high-water mark: the last seq handed out even if its row were deleted.
  const selectSequence = db.prepare<[], { seq: number }>("SELECT seq FROM sqlite_sequence WHERE name = 'notifications'");
  const selectCalls = db.prepare<[], CallRow>('SELECT id, state, last_seen_at FROM calls ORDER BY last_seq DESC');
  const selectCount = db.prepare<[], { count: number }>('SELECT COUNT(*) AS count FROM notifications');

  const recordSighting = (sighting: CallSighting, receivedAt: string, seq: number): void => {
    upsertCall.run(sighting.callId, sighting.state ?? 'unknown', receivedAt, seq, sighting.state ?? null);
  };

  const insertOne = (notification: NewNotification): RelayNotification => {
    const result = insertNotification.run(
      notification.receivedAt,
      notification.verified ? 1 : 0,
      notification.source,
      notification.bodyText,
    );
    const seq = Number(result.lastInsertRowid);
    for (const sighting of callsInNotifications(notification.body)) recordSighting(sighting, notification.receivedAt, seq);
    return {
      type: 'notification',
      seq,
      receivedAt: notification.receivedAt,
      verified: notification.verified,
      source: notification.source,
      body: notification.body,
    };
  };
  const commitInOneTransaction = db.transaction((batch: readonly NewNotification[]): RelayNotification[] => batch.map(insertOne));

  const appends = groupCommit(commitInOneTransaction, (stored: readonly RelayNotification[]) => {
    for (const notification of stored) {
      // Stored already: a listener's failure must not turn the caller's success into an error.
      for (const listener of listeners) {
        try {
          listener.notification(notification);
        } catch (error) {
          onListenerError(error);
        }
      }
    }
  });

  const lastSeqNow = () => selectSequence.get()?.seq ?? selectLastSeq.get()?.seq ?? 0;

  return {
    append: (notification) => appends.add(notification),
    listAfter: async (since, limit) => selectAfter.all(since, limit).map(toRelayNotification),
    get: async (seq) => {
      const row = selectOne.get(seq);
      return row ? toRelayNotification(row) : undefined;
    },
    lastSeq: async () => lastSeqNow(),
    lastSeqNow,
    count: async () => selectCount.get()?.count ?? 0,
    follow(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    knownCalls: () =>
      selectCalls.all().map((row) => ({ id: row.id, state: row.state, participants: [], queuedMedia: 0, lastSeenAt: row.last_seen_at })),
    close: async () => {
      // What was appended is committed (and answered) before the file closes.
      await appends.flush();
      listeners.clear();
      await checkpointer.close();
      db.close();
    },
  };
}

/**
 * Sessions in the embedded store: the `sessions` and `session_events` tables of the
 * console's SQLite file (schema in database.ts). It has its own connection to
 * that file because a session is read and deleted together with its
 * notifications, in one transaction; SQLite (WAL, one process, synchronous
 * calls) keeps the two connections consistent.
 */
import type { NewSession, SessionStore } from '../src/api/stores';
import type { BotAnswer, NotificationSource } from '../src/graph/schemas';
import { nextStartSeq, sessionTimeline } from '../src/graph/sessionTimeline';
import type { PlacedEvent, RecordedEvent, Session, SessionSummary } from '../src/graph/sessions';
import { openDatabase } from './database';
import { callsInNotifications } from './known-calls';
import { toRelayNotification, UPSERT_CALL, type CallUpsert, type NotificationRow } from './store';

/** Where a page of a session's recorded events starts: after this event, in timeline order. */
export interface RecordedCursor {
  afterSeq: number;
  id: number;
}

/** The cursor before every recorded event placed after notification `seq` or later (afterSeq >= seq). */
export const recordedFrom = (seq: number): RecordedCursor => ({ afterSeq: seq - 1, id: Number.MAX_SAFE_INTEGER });

/**
 * A recorded event as stored: its JSON text's UTF-8 bytes, validated on the way in, sent on as they are
 * (never decoded into a string and encoded again: for a large session that was most of a read's time).
 */
export interface StoredRecordedBytes {
  id: number;
  afterSeq: number;
  eventJson: Uint8Array;
}

/** A stored notification with its body as the UTF-8 bytes of the JSON text received (validated then), never parsed on the way out. */
export interface StoredNotificationBytes {
  seq: number;
  receivedAt: string;
  verified: boolean;
  source: NotificationSource;
  bodyJson: Uint8Array;
  /** With FORWARD_TO: what the bot answered it (withBotAnswers in bot-answers.ts adds it). */
  bot?: BotAnswer;
}

/**
 * The rows of a query, up to the first that brings their `bytes` to `maxBytes` (at least one row, however
 * large): a page of a few large bodies costs what a page of many small ones does. A page cut short this
 * way is at `maxBytes` or past it, so a page below both limits is the end of the range.
 */
export function pageBoundedByBytes<T>(rows: Iterable<T>, bytesOf: (row: T) => number, maxBytes = Number.POSITIVE_INFINITY): T[] {
  const page: T[] = [];
  let bytes = 0;
  // Leaving the loop early closes the query (better-sqlite3's iterate): the rows past the budget are never read.
  for (const row of rows) {
    page.push(row);
    bytes += bytesOf(row);
    if (bytes >= maxBytes) break;
  }
  return page;
}

/** Reads a session a page at a time (session-events-stream.ts) and what retention needs (retention.ts). */
export interface PagedSessionStore {
  /**
   * Up to `limit` recorded events of a session after `cursor`, in timeline order (afterSeq, then arrival);
   * the page may stop early, after the event that brings it to `maxBytes` (see pageBoundedByBytes).
   */
  recordedPage(sessionId: string, cursor: RecordedCursor, limit: number, maxBytes?: number): Promise<StoredRecordedBytes[]>;
  /** Up to `limit` notifications with afterSeq < seq <= toSeq, in seq order; may stop early at `maxBytes` as recordedPage does. */
  notificationPage(afterSeq: number, toSeq: number, limit: number, maxBytes?: number): Promise<StoredNotificationBytes[]>;
  /** The seq of the `count`th newest notification with afterSeq < seq <= toSeq; undefined when there are fewer. */
  seqFromNewest(afterSeq: number, toSeq: number, count: number): Promise<number | undefined>;
  /** Bytes the stored history takes (the database's used pages). */
  storedBytes(): Promise<number>;
  /** Ended sessions, the earliest started first. */
  endedSessions(limit: number): Promise<Session[]>;
}

export interface SqliteSessionStore extends SessionStore, PagedSessionStore {
  close(): void;
}

interface SessionRow {
  id: string;
  name: string;
  started_at: string;
  ended_at: string | null;
  start_seq: number;
  end_seq: number | null;
}

const toSession = (row: SessionRow): Session => ({
  id: row.id,
  name: row.name,
  startedAt: row.started_at,
  ...(row.ended_at !== null ? { endedAt: row.ended_at } : {}),
  startSeq: row.start_seq,
  ...(row.end_seq !== null ? { endSeq: row.end_seq } : {}),
});

const SESSION_COLUMNS = 'id, name, started_at, ended_at, start_seq, end_seq';
// A NULL end_seq is the open end of the current session.
const IN_RANGE = 'n.seq > s.start_seq AND (s.end_seq IS NULL OR n.seq <= s.end_seq)';

/** `relayLastSeq`: the last seq the notification store handed out; a session started now begins after it. */
export function openSessionStore(dataDir: string, relayLastSeq: () => number): SqliteSessionStore {
  const db = openDatabase(dataDir);

  const selectAll = db.prepare<[], SessionRow & { event_count: number }>(`
    SELECT ${SESSION_COLUMNS},
      (SELECT COUNT(*) FROM session_events e WHERE e.session_id = s.id) +
      (SELECT COUNT(*) FROM notifications n WHERE ${IN_RANGE}) AS event_count
    FROM sessions s ORDER BY s.rowid DESC
  `);
  const selectOne = db.prepare<[string], SessionRow>(`SELECT ${SESSION_COLUMNS} FROM sessions WHERE id = ?`);
  const selectCurrent = db.prepare<[], SessionRow>(`SELECT ${SESSION_COLUMNS} FROM sessions WHERE end_seq IS NULL`);
  const selectHighestEnd = db.prepare<[], { end_seq: number | null }>('SELECT MAX(end_seq) AS end_seq FROM sessions');
  const endSession = db.prepare<[string, number, string]>('UPDATE sessions SET ended_at = ?, end_seq = ? WHERE id = ?');
  const insertSession = db.prepare<[string, string, string, number]>('INSERT INTO sessions (id, name, started_at, start_seq) VALUES (?, ?, ?, ?)');
  const insertEvent = db.prepare<[string, number, string]>('INSERT INTO session_events (session_id, after_seq, event) VALUES (?, ?, ?)');
  const selectEvents = db.prepare<[string], { after_seq: number; event: string }>('SELECT after_seq, event FROM session_events WHERE session_id = ? ORDER BY id');
  const selectNotifications = db.prepare<[number, number], NotificationRow>(
    'SELECT seq, received_at, verified, source, body FROM notifications WHERE seq > ? AND seq <= ? ORDER BY seq',
  );
  // Bodies as BLOBs: their UTF-8 bytes as stored, copied into a Buffer, with no string made of them.
  const selectNotificationPage = db.prepare<[number, number, number], Omit<NotificationRow, 'body'> & { body: Buffer }>(
    'SELECT seq, received_at, verified, source, CAST(body AS BLOB) AS body FROM notifications WHERE seq > ? AND seq <= ? ORDER BY seq LIMIT ?',
  );
  const selectSeqFromNewest = db.prepare<[number, number, number], { seq: number }>(
    'SELECT seq FROM notifications WHERE seq > ? AND seq <= ? ORDER BY seq DESC LIMIT 1 OFFSET ?',
  );
  const deleteNotifications = db.prepare<[number, number]>('DELETE FROM notifications WHERE seq > ? AND seq <= ?');
  const deleteEvents = db.prepare<[string]>('DELETE FROM session_events WHERE session_id = ?');
  const deleteSession = db.prepare<[string]>('DELETE FROM sessions WHERE id = ?');
  const selectRecordedPage = db.prepare<[string, number, number, number], { id: number; after_seq: number; event: Buffer }>(
    'SELECT id, after_seq, CAST(event AS BLOB) AS event FROM session_events WHERE session_id = ? AND (after_seq, id) > (?, ?) ORDER BY after_seq, id LIMIT ?',
  );
  const selectEnded = db.prepare<[number], SessionRow>(`SELECT ${SESSION_COLUMNS} FROM sessions WHERE end_seq IS NOT NULL ORDER BY rowid LIMIT ?`);
  const selectCallsLastSeenIn = db.prepare<[number, number], { id: string }>('SELECT id FROM calls WHERE last_seq > ? AND last_seq <= ?');
  const deleteCallsLastSeenIn = db.prepare<[number, number]>('DELETE FROM calls WHERE last_seq > ? AND last_seq <= ?');
  const selectUpTo = db.prepare<[number], NotificationRow>('SELECT seq, received_at, verified, source, body FROM notifications WHERE seq <= ? ORDER BY seq');
  const upsertCall = db.prepare<CallUpsert>(UPSERT_CALL);

  /**
   * A call last seen in the deleted range is forgotten, unless an earlier notification (one before
   * the session: a later one would have moved its last sighting) mentions it, which then describes it again.
   */
  const forgetCallsOnlySeenIn = (startSeq: number, endSeq: number): void => {
    const forgotten = new Set(selectCallsLastSeenIn.all(startSeq, endSeq).map((row) => row.id));
    if (forgotten.size === 0) return;
    deleteCallsLastSeenIn.run(startSeq, endSeq);
    for (const row of selectUpTo.all(startSeq)) {
      for (const sighting of callsInNotifications(JSON.parse(row.body) as unknown)) {
        if (forgotten.has(sighting.callId)) upsertCall.run(sighting.callId, sighting.state ?? 'unknown', row.received_at, row.seq, sighting.state ?? null);
      }
    }
  };

  const start = db.transaction((session: NewSession): Session => {
    const current = selectCurrent.get();
    const lastSeq = relayLastSeq();
    if (current) endSession.run(session.startedAt, lastSeq, current.id);
    const startSeq = nextStartSeq({ currentIsOpen: current !== undefined, lastSeq, latestEndSeq: selectHighestEnd.get()?.end_seq ?? undefined });
    insertSession.run(session.id, session.name, session.startedAt, startSeq);
    return { ...session, startSeq };
  });

  const append = db.transaction((sessionId: string, events: readonly PlacedEvent[]) => {
    for (const { afterSeq, event } of events) insertEvent.run(sessionId, afterSeq, JSON.stringify(event));
  });

  const remove = db.transaction((session: Session) => {
    // Only ended sessions are deleted (the API refuses the current one), so the range is closed.
    if (session.endSeq !== undefined) {
      deleteNotifications.run(session.startSeq, session.endSeq);
      forgetCallsOnlySeenIn(session.startSeq, session.endSeq);
    }
    deleteEvents.run(session.id);
    deleteSession.run(session.id);
  });

  const events = db.transaction((session: Session) => {
    const recorded = selectEvents.all(session.id).map((row) => ({ afterSeq: row.after_seq, event: JSON.parse(row.event) as RecordedEvent }));
    const notifications = selectNotifications.all(session.startSeq, session.endSeq ?? Number.MAX_SAFE_INTEGER).map(toRelayNotification);
    return sessionTimeline(recorded, notifications);
  });

  return {
    list: async () => {
      const rows = selectAll.all();
      const sessions: SessionSummary[] = rows.map((row) => ({ ...toSession(row), eventCount: row.event_count }));
      return { sessions, currentId: rows.find((row) => row.end_seq === null)?.id ?? null };
    },
    start: async (session) => start.immediate(session),
    get: async (id) => {
      const row = selectOne.get(id);
      return row ? toSession(row) : undefined;
    },
    current: async () => {
      const row = selectCurrent.get();
      return row ? toSession(row) : undefined;
    },
    events: async (session) => events(session),
    append: async (sessionId, placed) => append.immediate(sessionId, placed),
    remove: async (session) => remove.immediate(session),
    recordedPage: async (sessionId, cursor, limit, maxBytes) =>
      pageBoundedByBytes(selectRecordedPage.iterate(sessionId, cursor.afterSeq, cursor.id, limit), (row) => row.event.length, maxBytes).map((row) => ({
        id: row.id,
        afterSeq: row.after_seq,
        eventJson: row.event,
      })),
    notificationPage: async (afterSeq, toSeq, limit, maxBytes) =>
      pageBoundedByBytes(selectNotificationPage.iterate(afterSeq, toSeq, limit), (row) => row.body.length, maxBytes).map((row) => ({
        seq: row.seq,
        receivedAt: row.received_at,
        verified: row.verified === 1,
        source: row.source,
        bodyJson: row.body,
      })),
    seqFromNewest: async (afterSeq, toSeq, count) => (count < 1 ? undefined : selectSeqFromNewest.get(afterSeq, toSeq, count - 1)?.seq),
    storedBytes: async () => {
      const pages = Number(db.pragma('page_count', { simple: true })) - Number(db.pragma('freelist_count', { simple: true }));
      return pages * Number(db.pragma('page_size', { simple: true }));
    },
    endedSessions: async (limit) => selectEnded.all(limit).map(toSession),
    close: () => db.close(),
  };
}

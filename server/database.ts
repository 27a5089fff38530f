/**
 * The console's one SQLite file under DATA_DIR (better-sqlite3, WAL), and its
 * schema. Each step of the schema runs once, in order, recorded in SQLite's
 * `user_version`; a DATA_DIR made by an older console gains the new tables and
 * keeps every row it had.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

export const DATABASE_FILE = 'comms-console.sqlite';

/** Append only: a step, once released, never changes (older DATA_DIRs have run it). */
const SCHEMA_STEPS: readonly string[] = [
  // 1. Notifications and the calls seen in them. IF NOT EXISTS: files from before
  //    user_version was kept have these tables already (at user_version 0).
  `CREATE TABLE IF NOT EXISTS notifications (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     received_at TEXT NOT NULL,
     verified INTEGER NOT NULL CHECK (verified IN (0, 1)),
     source TEXT NOT NULL,
     body TEXT NOT NULL
   );
   CREATE TABLE IF NOT EXISTS calls (
     id TEXT PRIMARY KEY,
     state TEXT NOT NULL,
     last_seen_at TEXT NOT NULL,
     last_seq INTEGER NOT NULL
   );`,
  // 2. Sessions (src/graph/sessions.ts). A session's notifications are those with
  //    start_seq < seq <= end_seq; end_seq is NULL for the current one. Rowid order is
  //    creation order. session_events holds what the browser recorded, in arrival order.
  `CREATE TABLE sessions (
     id TEXT PRIMARY KEY,
     name TEXT NOT NULL,
     started_at TEXT NOT NULL,
     ended_at TEXT,
     start_seq INTEGER NOT NULL,
     end_seq INTEGER
   );
   CREATE TABLE session_events (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     session_id TEXT NOT NULL,
     after_seq INTEGER NOT NULL,
     event TEXT NOT NULL
   );
   CREATE INDEX session_events_by_session ON session_events (session_id, id);`,
  // 3. A session's recorded events in timeline order, so they can be read a page at a time.
  `CREATE INDEX session_events_by_place ON session_events (session_id, after_seq, id);`,
  // 4. FORWARD_TO (server/bot-answers.ts): what the bot answered each kept notification, keyed by
  //    its seq, with the body's hash to recognise Graph's retries; and the count of requests
  //    forwarded but not kept (token or body refused).
  `CREATE TABLE bot_answers (
     seq INTEGER PRIMARY KEY,
     body_sha256 TEXT NOT NULL,
     last_seen_ms INTEGER NOT NULL,
     outcome TEXT,
     status INTEGER,
     duration_ms INTEGER,
     retries INTEGER NOT NULL DEFAULT 0
   );
   CREATE INDEX bot_answers_by_body ON bot_answers (body_sha256, seq);
   CREATE TABLE forward_counts (name TEXT PRIMARY KEY, value INTEGER NOT NULL);`,
];

export const SCHEMA_VERSION = SCHEMA_STEPS.length;

/** Opens (creating if needed) the database and brings its schema up to date. Each caller gets its own connection. */
export function openDatabase(dataDir: string): Database.Database {
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(join(dataDir, DATABASE_FILE));
  db.pragma('journal_mode = WAL');
  // WAL with NORMAL is durable against process crashes, which is what a 202 promises here.
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  // IMMEDIATE: two connections opening at once cannot both run the same step.
  db.transaction(() => {
    const version = Number(db.pragma('user_version', { simple: true }));
    for (let step = version; step < SCHEMA_STEPS.length; step += 1) db.exec(SCHEMA_STEPS[step] ?? '');
    if (version < SCHEMA_STEPS.length) db.pragma(`user_version = ${SCHEMA_STEPS.length}`);
  }).immediate();
  return db;
}

/** Reads what the server stored, through a separate read-only connection (as another process would). */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { DATABASE_FILE } from '../store';

export function storedNotifications(dataDir: string): { seq: number; source: string; verified: number; body: string }[] {
  const db = new Database(join(dataDir, DATABASE_FILE), { readonly: true });
  try {
    return db.prepare<[], { seq: number; source: string; verified: number; body: string }>('SELECT seq, source, verified, body FROM notifications ORDER BY seq').all();
  } finally {
    db.close();
  }
}

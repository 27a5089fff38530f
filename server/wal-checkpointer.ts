/**
 * WAL checkpoints off the event loop (docs/architecture.md, "The notification
 * path"). SQLite's own checkpoint runs inside the commit that takes the WAL
 * past 1,000 pages, on the thread answering requests (a p99 spike in `npm run
 * bench`). Once a PASSIVE checkpoint has caught up, the next commit starts the
 * WAL over from its beginning, so it does not grow without end. The worker's
 * code is plain JavaScript evaluated in the thread (it needs only
 * better-sqlite3), so it runs the same under tsx, vitest and node.
 */
import type Database from 'better-sqlite3';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

const CHECKPOINT_INTERVAL_MS = 1_000;

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.betterSqlite3);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 5000');
const timer = setInterval(() => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch (error) {
    parentPort.postMessage({ failed: String(error && error.message) });
  }
}, workerData.intervalMs);
parentPort.on('message', () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

/** A connection that commits on the hot path leaves checkpoints to the worker. */
export function stopAutoCheckpoints(db: Database.Database): void {
  db.pragma('wal_autocheckpoint = 0');
}

export function startWalCheckpointer(file: string, log: (line: string) => void) {
  const betterSqlite3 = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, betterSqlite3, intervalMs: CHECKPOINT_INTERVAL_MS } });
  // It must never keep the process alive by itself.
  worker.unref();
  worker.on('message', (message: { failed?: string }) => {
    if (message.failed) log(`store: a WAL checkpoint failed (${message.failed}); the next one will try again`);
  });
  worker.on('error', (error) => log(`store: the WAL checkpoint thread stopped (${error.message}); SQLite's own checkpoints are not back on, restart the console`));
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  return {
    close(): Promise<void> {
      // Held open until the thread has closed its connection: an unref'd wait would let the process end here.
      worker.ref();
      worker.postMessage('close');
      return exited;
    },
  };
}

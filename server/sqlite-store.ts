/**
 * The embedded store (no REDIS_URL): the notification log, sessions and known
 * calls in the console's one SQLite file under DATA_DIR.
 */
import type { ConsoleStore } from './console-store';
import { openSessionStore } from './session-store';
import { openSqliteLog } from './store';

export function openSqliteStore(dataDir: string, log: (line: string) => void = () => undefined): ConsoleStore {
  const notifications = openSqliteLog(dataDir, (error) => log(`store: a log listener failed (${error instanceof Error ? error.message : String(error)})`), log);
  const sessions = openSessionStore(dataDir, () => notifications.lastSeqNow());
  return {
    log: notifications,
    sessions,
    paged: sessions,
    knownCalls: async () => notifications.knownCalls(),
    close: async () => {
      sessions.close();
      await notifications.close();
    },
  };
}

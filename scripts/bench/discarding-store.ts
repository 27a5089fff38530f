/**
 * The bench baseline's store: numbers notifications as the real one does and
 * keeps none of them, so the baseline pays nothing for storage. Nothing is
 * replayed from it: baseline clients connect before the load and stay live.
 * Sessions and known calls are the embedded ones (the bench uses neither).
 */
import type { RelayNotification } from '../../src/graph/schemas';
import type { ConsoleStore, FeedListener, NotificationLog } from '../../server/console-store';
import { openSqliteStore } from '../../server/sqlite-store';

function createDiscardingLog(): NotificationLog {
  let seq = 0;
  const listeners = new Set<FeedListener>();
  return {
    append: async (notification) => {
      seq += 1;
      const stored: RelayNotification = { type: 'notification', seq, receivedAt: notification.receivedAt, verified: notification.verified, source: notification.source, body: notification.body };
      for (const listener of listeners) listener.notification(stored);
      return stored;
    },
    listAfter: async () => [],
    get: async () => undefined,
    lastSeq: async () => seq,
    count: async () => 0,
    follow(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export function createDiscardingStore(dataDir: string): ConsoleStore {
  return { ...openSqliteStore(dataDir), log: createDiscardingLog() };
}

/**
 * The bench baseline's store: numbers notifications as the real one does and
 * keeps none of them, so the baseline pays nothing for storage. Nothing is
 * replayed from it: baseline clients connect before the load and stay live.
 */
import type { NotificationStore } from '../../server/store';

export function createDiscardingStore(): NotificationStore {
  let seq = 0;
  return {
    append: (notification) => {
      seq += 1;
      return { type: 'notification', seq, receivedAt: notification.receivedAt, verified: notification.verified, source: notification.source, body: notification.body };
    },
    listAfter: () => [],
    lastSeq: () => seq,
    knownCalls: () => [],
    count: () => 0,
    close: () => undefined,
  };
}

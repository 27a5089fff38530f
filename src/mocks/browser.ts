/** Mock mode: msw answers /graph, /api and /relay from the simulator and IndexedDB. Loaded only in mock mode. */
import { setupWorker } from 'msw/browser';
import { consoleHandlers } from './handlers/console';
import { graphHandlers } from './handlers/graph';
import { relayHandlers } from './handlers/relay';
import { openHistoryDb } from './historyDb';
import { MockHost } from './mockHost';
import { createMockSessionStore } from './mockSessionStore';

export async function startMocks(): Promise<void> {
  const db = await openHistoryDb();
  const host = await MockHost.load(db);
  const sessions = createMockSessionStore(db, () => host.lastSeq);
  const worker = setupWorker(...graphHandlers(host), ...consoleHandlers(host, sessions), ...relayHandlers(host));
  await worker.start({ onUnhandledRequest: 'bypass', quiet: true });
  host.start();
}

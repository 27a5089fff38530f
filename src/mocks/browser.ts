/** Mock mode: msw answers /graph, /api and /relay from the simulator and IndexedDB. Loaded only in mock mode. */
import { setupWorker } from 'msw/browser';
import { consoleHandlers } from './handlers/console';
import { graphHandlers } from './handlers/graph';
import { relayHandlers } from './handlers/relay';
import { openHistoryDb } from './historyDb';
import { MockHost } from './mockHost';
import { createMockSessionStore } from './mockSessionStore';

/**
 * msw's start() asks the browser to re-check an already registered worker script and leaves that
 * promise unhandled (mswjs/msw#2006). When the check fails — the page reloaded while it ran, the
 * server restarting — the registered worker keeps serving, so there is nothing to report: the
 * rejection is dropped instead of logged as an uncaught error.
 */
function ignoreFailedWorkerRecheck(): void {
  window.addEventListener('unhandledrejection', (event) => {
    const reason: unknown = event.reason;
    const message = reason instanceof Error ? reason.message : String(reason);
    if (message.startsWith('Failed to update a ServiceWorker') && message.includes('mockServiceWorker.js')) event.preventDefault();
  });
}

export async function startMocks(): Promise<void> {
  ignoreFailedWorkerRecheck();
  const db = await openHistoryDb();
  const host = await MockHost.load(db);
  const sessions = createMockSessionStore(db, () => host.lastSeq);
  const worker = setupWorker(...graphHandlers(host), ...consoleHandlers(host, sessions), ...relayHandlers(host));
  await worker.start({ onUnhandledRequest: 'bypass', quiet: true });
  host.start();
}

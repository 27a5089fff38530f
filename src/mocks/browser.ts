/** Mock mode: msw answers /graph, /api/known-calls and /relay from the simulator. Loaded only in mock mode. */
import { setupWorker } from 'msw/browser';
import { consoleHandlers } from './handlers/console';
import { graphHandlers } from './handlers/graph';
import { relayHandlers } from './handlers/relay';
import { MockHost } from './mockHost';

export async function startMocks(): Promise<void> {
  const host = MockHost.load();
  const worker = setupWorker(...graphHandlers(host), ...consoleHandlers(host), ...relayHandlers(host));
  await worker.start({ onUnhandledRequest: 'bypass', quiet: true });
  host.start();
}

import { http } from 'msw';
import { createConsoleApi } from '../../api/consoleApi';
import type { SessionStore } from '../../api/stores';
import { CONFIG_PATH } from '../../graph/console';
import type { MockHost } from '../mockHost';

/**
 * The console's own API in mock mode: the same Hono app the server runs, over
 * IndexedDB and the simulator. /api/config is the server's to answer even here
 * (it says whether live mode is available), so it passes through.
 */
export function consoleHandlers(host: MockHost, sessions: SessionStore) {
  const api = createConsoleApi({
    sessions,
    knownCalls: () => {
      host.simulator.advanceTo(Date.now());
      return host.simulator.knownCalls();
    },
    redeliver: (seq) => host.redeliver(seq),
    newId: () => crypto.randomUUID(),
    now: () => new Date(),
    resetMock: () => host.reset(),
  });
  return [http.all('/api/*', ({ request }) => (new URL(request.url).pathname === CONFIG_PATH ? undefined : api.fetch(request)))];
}

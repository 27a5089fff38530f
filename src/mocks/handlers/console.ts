import { http, HttpResponse } from 'msw';
import { KNOWN_CALLS_PATH, MOCK_RESET_PATH } from '../../graph/console';
import type { MockHost } from '../mockHost';

/** The console's own endpoints, answered from the simulator in mock mode. */
export function consoleHandlers(host: MockHost) {
  return [
    http.get(KNOWN_CALLS_PATH, () => {
      host.simulator.advanceTo(Date.now());
      return HttpResponse.json({ calls: host.simulator.knownCalls() });
    }),
    http.post(MOCK_RESET_PATH, async () => {
      await host.reset();
      return new HttpResponse(null, { status: 204 });
    }),
  ];
}

import { http, HttpResponse } from 'msw';
import { answerHistoryRequest, type HistoryBackend, type SessionStore } from '../../graph/historyApi';
import { SESSIONS_PATH } from '../../graph/sessions';
import type { MockHost } from '../mockHost';

/** Sessions and redelivery in mock mode: the shared history endpoints over IndexedDB and the mock relay. */
export function historyHandlers(host: MockHost, sessions: SessionStore) {
  const backend: HistoryBackend = {
    sessions,
    redeliver: (seq) => host.redeliver(seq),
    newId: () => crypto.randomUUID(),
    now: () => new Date(),
  };
  const answer = async ({ request }: { request: Request }) => {
    const path = new URL(request.url).pathname;
    const result = await answerHistoryRequest(backend, { method: request.method, path, bodyText: await request.text() });
    const headers = { 'cache-control': 'no-store', ...result.headers };
    return result.body === undefined ? new HttpResponse(null, { status: result.status, headers }) : HttpResponse.json(result.body, { status: result.status, headers });
  };
  return [http.all(SESSIONS_PATH, answer), http.all(`${SESSIONS_PATH}/*`, answer), http.all('/api/notifications/*', answer)];
}

import { http, HttpResponse } from 'msw';
import { GRAPH_PROXY_PREFIX } from '../../graph/console';
import type { MockHost } from '../mockHost';

/** What the console's server answers for /me in live mode, so mgt counts as signed in. */
const MOCK_APP = { id: '00000000-0000-0000-0000-00000000c0de', displayName: 'Comms Console (mock app)' };

export function graphHandlers(host: MockHost) {
  return [
    http.all(`${GRAPH_PROXY_PREFIX}/*`, async ({ request }) => {
      const url = new URL(request.url);
      const path = decodeURIComponent(url.pathname.slice(GRAPH_PROXY_PREFIX.length));
      if (request.method === 'GET' && /^\/(v1\.0|beta)\/me$/.test(path)) return HttpResponse.json(MOCK_APP);
      const headers: Record<string, string> = {};
      request.headers.forEach((value, name) => {
        headers[name.toLowerCase()] = value;
      });
      const answer = await host.handle({ method: request.method, path, headers, body: await request.text() });
      return new HttpResponse(answer.body === undefined ? null : JSON.stringify(answer.body), { status: answer.status, headers: answer.headers });
    }),
  ];
}

import { ws } from 'msw';
import { RELAY_PATH } from '../../graph/console';
import type { MockHost } from '../mockHost';

/** The relay protocol of DESIGN.md, spoken by msw so the UI's websocket client is the same in both modes. */
export function relayHandlers(host: MockHost) {
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  const relay = ws.link(`${scheme}://${window.location.host}${RELAY_PATH}`);
  return [
    relay.addEventListener('connection', ({ client }) => {
      const since = Number(client.url.searchParams.get('since') ?? 0);
      client.send(JSON.stringify({ type: 'hello', lastSeq: host.lastSeq }));
      for (const message of host.since(Number.isFinite(since) ? since : 0)) client.send(JSON.stringify(message));
      const unsubscribe = host.subscribe((message) => client.send(JSON.stringify(message)));
      client.addEventListener('close', unsubscribe);
    }),
  ];
}

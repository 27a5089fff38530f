import { ws } from 'msw';
import { RELAY_PATH } from '../../graph/console';
import type { RelayNotification } from '../../graph/schemas';
import type { MockHost } from '../mockHost';

/** The relay protocol of docs/architecture.md, spoken by msw so the UI's websocket client is the same in both modes. */
export function relayHandlers(host: MockHost) {
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  const relay = ws.link(`${scheme}://${window.location.host}${RELAY_PATH}`);
  return [
    relay.addEventListener('connection', ({ client }) => {
      const requested = Number(client.url.searchParams.get('since') ?? 0);
      client.send(JSON.stringify({ type: 'hello', lastSeq: host.lastSeq }));

      // The stored log is read asynchronously: what arrives meanwhile waits, then goes out
      // after it, skipping what the log already held, so every seq is sent once and in order.
      // A redelivery is a copy of one already sent: it goes out as it comes and moves nothing.
      let sentUpTo = Number.isFinite(requested) ? requested : 0;
      let waiting: RelayNotification[] | undefined = [];
      const deliver = (message: RelayNotification) => {
        if (!message.redelivered) {
          if (message.seq <= sentUpTo) return;
          sentUpTo = message.seq;
        }
        client.send(JSON.stringify(message));
      };
      const unsubscribe = host.subscribe((message) => (waiting ? waiting.push(message) : deliver(message)));
      // Another tab changed the calls, maybe without a notification: a hello at the current position has the
      // console re-read what it lists, as after any relay message, and moves nothing.
      const unwatch = host.onOtherTabChange(() => client.send(JSON.stringify({ type: 'hello', lastSeq: host.lastSeq })));
      client.addEventListener('close', () => {
        unsubscribe();
        unwatch();
      });
      void host.since(sentUpTo).then((stored) => {
        for (const message of [...stored, ...(waiting ?? [])]) deliver(message);
        waiting = undefined;
      });
    }),
  ];
}

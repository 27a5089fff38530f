/**
 * Graph's side of a busy call: signed notifications POSTed to the callback
 * by a few concurrent senders, without pause, through a server crash and
 * restart. It remembers which notifications were answered 202 — the ones the
 * server promised to keep. Bounded in count and time.
 */
import { request } from 'node:http';
import { operationDeleted } from '../../test-support/sample-notifications';

export interface NotificationStream {
  /** clientContexts of the notifications answered 202. */
  accepted: Set<string>;
  attempts(): number;
  /** Resolves once at least `count` have been accepted; rejects after the timeout. */
  waitForAccepted(count: number, timeoutMs: number): Promise<void>;
  stop(): Promise<void>;
}

function post(port: number, token: string, body: string): Promise<number> {
  return new Promise((resolve) => {
    const req = request(
      { host: '127.0.0.1', port, method: 'POST', path: '/api/calls', agent: false, headers: { host: `127.0.0.1:${port}`, authorization: `Bearer ${token}`, 'content-type': 'application/json' } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', () => resolve(0));
      },
    );
    // Refused (server down) or reset (server killed mid-request): not accepted.
    req.on('error', () => resolve(0));
    req.setTimeout(5_000, () => req.destroy());
    req.end(body);
  });
}

export function streamNotifications(options: { port: number; token: string; senders: number; maxAttempts: number; maxMs: number }): NotificationStream {
  const accepted = new Set<string>();
  const deadline = Date.now() + options.maxMs;
  let next = 0;
  let stopped = false;

  const sender = async () => {
    while (!stopped && next < options.maxAttempts && Date.now() < deadline) {
      next += 1;
      const clientContext = `n${next}`;
      const body = JSON.stringify(operationDeleted('11111111-0000-4000-8000-00000000ca11', `op-${next}`, clientContext));
      const status = await post(options.port, options.token, body);
      if (status === 202) accepted.add(clientContext);
      // While the server is down, do not spin.
      else await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  const running = Promise.all(Array.from({ length: options.senders }, sender));

  return {
    accepted,
    attempts: () => next,
    async waitForAccepted(count, timeoutMs) {
      const until = Date.now() + timeoutMs;
      while (accepted.size < count) {
        if (Date.now() > until) throw new Error(`only ${accepted.size} of ${count} notifications accepted within ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    async stop() {
      stopped = true;
      await running;
    },
  };
}

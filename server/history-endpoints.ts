/**
 * The history endpoints in live mode (/api/sessions..., /api/notifications/{seq}/redeliver):
 * reads the body within the limit, then lets the shared src/graph/historyApi.ts
 * answer over the session store and the relay, exactly as msw does in mock mode.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { answerHistoryRequest, type HistoryBackend } from '../src/graph/historyApi';
import { consoleError, MAX_EVENTS_BODY_BYTES } from '../src/graph/sessions';
import { BodyTooLargeError, readBody, sendJson } from './http';
import { jsonNestsDeeperThan, MAX_NOTIFICATION_JSON_DEPTH } from './json-depth';
import type { Relay } from './relay';
import type { ConsoleStore } from './console-store';

export interface HistoryEndpoints {
  handle(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void>;
}

export function createHistoryEndpoints(options: { store: ConsoleStore; relay: Relay }): HistoryEndpoints {
  const { store, relay } = options;
  const backend: HistoryBackend = {
    sessions: store.sessions,
    redeliver: async (seq) => {
      const notification = await store.log.get(seq);
      return notification ? { clients: relay.redeliver(notification) } : undefined;
    },
    newId: () => randomUUID(),
    now: () => new Date(),
  };

  return {
    async handle(req, res, pathname) {
      let bodyText: string;
      try {
        bodyText = (await readBody(req, MAX_EVENTS_BODY_BYTES)).toString('utf8');
      } catch (error) {
        if (!(error instanceof BodyTooLargeError)) throw error;
        const message = `The body is over the limit of ${error.limitBytes} bytes. Send fewer events at a time.`;
        return sendJson(res, 413, consoleError('RequestEntityTooLarge', message), { connection: 'close' });
      }
      // Stored events are serialised again on every read: a body too deep for that is refused at the door (see json-depth.ts).
      if (jsonNestsDeeperThan(bodyText, MAX_NOTIFICATION_JSON_DEPTH)) {
        return sendJson(res, 400, consoleError('BadRequest', `The body nests deeper than ${MAX_NOTIFICATION_JSON_DEPTH} levels; no recorded event does.`));
      }
      const answer = await answerHistoryRequest(backend, { method: req.method ?? 'GET', path: pathname, bodyText });
      if (answer.body === undefined) {
        res.writeHead(answer.status, { 'cache-control': 'no-store', ...answer.headers });
        res.end();
        return;
      }
      sendJson(res, answer.status, answer.body, answer.headers);
    },
  };
}

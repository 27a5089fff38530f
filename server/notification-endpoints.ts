/**
 * The two public doors notifications come in by:
 * - POST /api/calls, the callback URL registered with Graph: the bearer JWT
 *   must verify (notification-token.ts), else 403 and nothing is kept;
 * - POST /api/forward, for a bot that owns the callback URL and passes each
 *   notification on: guarded by FORWARD_SECRET; the original Authorization,
 *   if passed on, decides `verified`.
 * Either way the body must be commsNotifications within the size limit, and
 * it is stored, then answered 202, then relayed: a 202 means it is kept.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NotificationSource } from '../src/graph/schemas';
import type { ServerConfig } from './config';
import { BodyTooLargeError, headerValue, readBody, sendGraphError } from './http';
import { parseNotifications } from './notification-body';
import type { ForwardingCallback } from './forwarding-callback';
import { noteForLog } from './log';
import type { NotificationTokenVerifier } from './notification-token';
import type { Relay } from './relay';
import { secretsMatch } from './security';
import type { NotificationStore } from './store';

export const FORWARD_SECRET_HEADER = 'x-forward-secret';
export const ORIGINAL_AUTHORIZATION_HEADER = 'x-original-authorization';

export interface NotificationEndpoints {
  receiveFromGraph(req: IncomingMessage, res: ServerResponse): Promise<void>;
  receiveForwarded(req: IncomingMessage, res: ServerResponse): Promise<void>;
}

type ParsedBody = { ok: true; text: string; json: unknown } | { ok: false; status: 400 | 413; reason: string };

export function createNotificationEndpoints(options: {
  config: ServerConfig;
  verifier: NotificationTokenVerifier;
  store: NotificationStore;
  relay: Relay;
  /** With FORWARD_TO: the callback forwards to the bot and answers with the bot's answer. */
  forwarding?: ForwardingCallback;
}): NotificationEndpoints {
  const { config, verifier, store, relay, forwarding } = options;

  const readNotifications = async (req: IncomingMessage): Promise<ParsedBody> => {
    let raw: Buffer;
    try {
      raw = await readBody(req, config.maxBodyBytes);
    } catch (error) {
      if (error instanceof BodyTooLargeError) {
        return { ok: false, status: 413, reason: `The body is over the limit of ${error.limitBytes} bytes (MAX_BODY_BYTES).` };
      }
      throw error;
    }
    return parseNotifications(raw.toString('utf8'));
  };

  /** Stored, then 202, then relayed: the order that makes a 202 a promise. */
  const accept = (res: ServerResponse, body: { text: string; json: unknown }, source: NotificationSource, verified: boolean): void => {
    const stored = store.append({ receivedAt: new Date().toISOString(), verified, source, bodyText: body.text, body: body.json });
    res.writeHead(202, { 'content-length': 0, 'cache-control': 'no-store' });
    res.end();
    relay.broadcast(stored);
  };

  const refuseOversizedUpFront = (req: IncomingMessage, res: ServerResponse): boolean => {
    const declared = Number(headerValue(req, 'content-length'));
    if (!Number.isFinite(declared) || declared <= config.maxBodyBytes) return false;
    req.resume();
    sendGraphError(res, 413, 'RequestEntityTooLarge', `The body is over the limit of ${config.maxBodyBytes} bytes (MAX_BODY_BYTES).`);
    return true;
  };

  return {
    async receiveFromGraph(req, res) {
      if (refuseOversizedUpFront(req, res)) return;
      if (forwarding) {
        let raw: Buffer;
        try {
          raw = await readBody(req, config.maxBodyBytes);
        } catch (error) {
          if (!(error instanceof BodyTooLargeError)) throw error;
          return sendGraphError(res, 413, 'RequestEntityTooLarge', `The body is over the limit of ${error.limitBytes} bytes (MAX_BODY_BYTES); it was not forwarded.`);
        }
        const reply = await forwarding.receive(raw, req.rawHeaders);
        if (reply.problem) noteForLog(res, reply.problem);
        res.writeHead(reply.status, [...reply.headers, ['content-length', String(reply.body.length)]].flat());
        res.end(reply.body);
        return;
      }
      const verdict = await verifier.verify(headerValue(req, 'authorization'));
      if (!verdict.verified) {
        req.resume();
        const code = verdict.status === 403 ? 'Forbidden' : 'ServiceUnavailable';
        return sendGraphError(res, verdict.status, code, verdict.reason);
      }
      const body = await readNotifications(req);
      if (!body.ok) return sendGraphError(res, body.status, body.status === 413 ? 'RequestEntityTooLarge' : 'BadRequest', body.reason);
      accept(res, body, 'graph', true);
    },

    async receiveForwarded(req, res) {
      if (!config.forwardSecret) {
        req.resume();
        return sendGraphError(res, 404, 'NotFound', 'The forward endpoint is off: set FORWARD_SECRET on the server to turn it on.');
      }
      if (!secretsMatch(headerValue(req, FORWARD_SECRET_HEADER), config.forwardSecret)) {
        req.resume();
        return sendGraphError(res, 403, 'Forbidden', `Missing or wrong ${FORWARD_SECRET_HEADER} header.`);
      }
      if (refuseOversizedUpFront(req, res)) return;
      const body = await readNotifications(req);
      if (!body.ok) return sendGraphError(res, body.status, body.status === 413 ? 'RequestEntityTooLarge' : 'BadRequest', body.reason);
      const original = headerValue(req, ORIGINAL_AUTHORIZATION_HEADER);
      const verified = original !== undefined && (await verifier.verify(original)).verified;
      accept(res, body, 'forwarded', verified);
    },
  };
}

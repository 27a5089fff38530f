/**
 * The two public doors notifications come in by, as routes of the server's app
 * (docs/architecture.md, "Security model"): POST /api/calls, the callback URL
 * registered with Graph, where the bearer JWT must verify; and POST
 * /api/forward, for a bot that owns the callback URL, guarded by
 * FORWARD_SECRET, where the original Authorization, if passed on, decides
 * `verified`. A body is stored before it is answered 202. With FORWARD_TO,
 * POST /api/calls passes every request on to the bot (forwarding-callback.ts).
 */
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import { Hono } from 'hono';
import { onlyAllow } from '../src/api/consoleApi';
import { CALLBACK_PATH, FORWARD_PATH } from '../src/graph/console';
import { MAX_NOTIFICATION_JSON_DEPTH } from '../src/graph/jsonDepth';
import { commsNotificationsSchema, type NotificationSource } from '../src/graph/schemas';
import { parseUntrustedJson } from '../src/graph/untrustedJson';
import type { ServerConfig } from './config';
import type { NotificationLog } from './console-store';
import type { ForwardingCallback } from './forwarding-callback';
import { graphError, headerValue, type NodeContext, type NodeEnv } from './http';
import { noteForLog } from './log';
import type { NotificationTokenVerifier } from './notification-token';
import { readLimitedBody } from './request-body';
import { secretsMatch } from './security';

export const FORWARD_SECRET_HEADER = 'x-forward-secret';
export const ORIGINAL_AUTHORIZATION_HEADER = 'x-original-authorization';

type NotificationsBody = { ok: true; text: string; json: unknown } | { ok: false; message: string };

/**
 * Whether a callback body is commsNotifications the console can keep, and why not: the one check both doors and
 * FORWARD_TO use. `bytes` decoded as Node decodes (a BOM stays, and makes it not JSON), so what is stored is what was sent.
 */
export function parseNotifications(bytes: Uint8Array): NotificationsBody {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  // Too deep is also a body the relay could never serialise (see src/graph/jsonDepth.ts).
  const parsed = parseUntrustedJson(text, commsNotificationsSchema, { what: 'The body', expected: 'commsNotifications', maxDepth: MAX_NOTIFICATION_JSON_DEPTH });
  // What Graph sent is kept and relayed whole, fields the schema does not know included.
  return parsed.ok ? { ok: true, text, json: parsed.json } : { ok: false, message: parsed.message };
}

export function notificationRoutes(options: {
  config: ServerConfig;
  verifier: NotificationTokenVerifier;
  log: NotificationLog;
  /** Why nothing can be stored now (retention.ts: the history is full); undefined when it can. */
  storageRefusal?: (() => string | undefined) | undefined;
  /** With FORWARD_TO: the callback forwards to the bot and answers with the bot's answer. */
  forwarding?: ForwardingCallback;
}): Hono<NodeEnv> {
  const { config, verifier, log, forwarding } = options;
  const routes = new Hono<NodeEnv>();

  /** The body's bytes, or the answer refusing it: 413 over MAX_BODY_BYTES (by Content-Length before anything is read, chunked while reading). */
  const readBody = async (c: NodeContext): Promise<{ ok: true; bytes: Buffer } | { ok: false; answer: Response }> => {
    const body = await readLimitedBody(c.env.incoming, config.maxBodyBytes);
    if (body.ok) return body;
    if (body.reason === 'aborted') return { ok: false, answer: graphError(c, 400, 'BadRequest', 'The request ended before its body was read whole; nothing was stored.') };
    const notForwarded = forwarding && c.req.path === CALLBACK_PATH ? '; it was not forwarded to the bot' : '';
    return { ok: false, answer: graphError(c, 413, 'RequestEntityTooLarge', `The body is over the limit of ${config.maxBodyBytes} bytes (MAX_BODY_BYTES)${notForwarded}.`) };
  };

  /**
   * The bot's answer, written as it came (the names' case, their order, repeated headers, a body
   * without Content-Type): a web Response would re-case, merge and add to them.
   */
  const forwardToBot = async (c: NodeContext, through: ForwardingCallback): Promise<Response> => {
    // The bytes as sent, a chunked body too.
    const body = await readBody(c);
    if (!body.ok) return body.answer;
    const reply = await through.receive(body.bytes, c.env.incoming.rawHeaders, headerValue(c.env.incoming, 'authorization'));
    const res = c.env.outgoing;
    if (reply.problem) noteForLog(res, reply.problem);
    res.writeHead(reply.status, [...reply.headers, ['content-length', String(reply.body.length)]].flat());
    res.end(reply.body);
    return RESPONSE_ALREADY_SENT;
  };

  /** Stored before it is answered: a 202 means it is kept. An unreachable log throws (503: Graph retries). */
  const accept = async (c: NodeContext, body: { text: string; json: unknown }, source: NotificationSource, verified: boolean): Promise<Response> => {
    // 507 (which Graph retries) while the current session alone fills DATA_MAX_MB: nothing is half-kept.
    const full = options.storageRefusal?.();
    if (full !== undefined) return graphError(c, 507, 'InsufficientStorage', full);
    await log.append({ receivedAt: new Date().toISOString(), verified, source, bodyText: body.text, body: body.json });
    // Written on Node's response: a web Response and its Headers cost more than the rest of the answer.
    c.env.outgoing.writeHead(202, { 'cache-control': 'no-store', 'content-length': '0' }).end();
    return RESPONSE_ALREADY_SENT;
  };

  routes.post(CALLBACK_PATH, async (c) => {
    if (forwarding) return forwardToBot(c, forwarding);
    // The size first (413 before 403, as for the other doors), then the token, then what the body says.
    const bytes = await readBody(c);
    if (!bytes.ok) return bytes.answer;
    const verdict = await verifier.verify(headerValue(c.env.incoming, 'authorization'));
    if (!verdict.verified) return graphError(c, verdict.status, verdict.status === 403 ? 'Forbidden' : 'ServiceUnavailable', verdict.reason);
    const body = parseNotifications(bytes.bytes);
    if (!body.ok) return graphError(c, 400, 'BadRequest', body.message);
    return accept(c, body, 'graph', true);
  });

  routes.post(FORWARD_PATH, async (c, next) => {
    // The door's own guards come before the body is read.
    if (!config.forwardSecret) return graphError(c, 404, 'NotFound', 'The forward endpoint is off: set FORWARD_SECRET on the server to turn it on.');
    if (!secretsMatch(headerValue(c.env.incoming, FORWARD_SECRET_HEADER), config.forwardSecret)) {
      return graphError(c, 403, 'Forbidden', `Missing or wrong ${FORWARD_SECRET_HEADER} header.`);
    }
    return next();
  }, async (c) => {
    const bytes = await readBody(c);
    if (!bytes.ok) return bytes.answer;
    const body = parseNotifications(bytes.bytes);
    if (!body.ok) return graphError(c, 400, 'BadRequest', body.message);
    const original = headerValue(c.env.incoming, ORIGINAL_AUTHORIZATION_HEADER);
    const verified = original !== undefined && (await verifier.verify(original)).verified;
    return accept(c, body, 'forwarded', verified);
  });

  routes.all(CALLBACK_PATH, onlyAllow('POST'));
  routes.all(FORWARD_PATH, onlyAllow('POST'));
  return routes;
}

/** Small helpers for the server's Hono app under @hono/node-server: the raw request, Graph-format errors. */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HttpBindings } from '@hono/node-server';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { graphErrorBody } from '../src/graph/errors';
import { noteForLog } from './log';

/** Routes see the node:http request and response too: the raw target, headers as Node parsed them, the log note. */
export type NodeEnv = { Bindings: HttpBindings };
export type NodeContext = Context<NodeEnv>;

/** An error in Graph's own shape, so the UI shows proxy and callback refusals like Graph's. */
export function graphError(c: NodeContext, status: ContentfulStatusCode, code: string, message: string, clientRequestId: string = randomUUID()): Response {
  const requestId = randomUUID();
  if (status >= 500 || status === 403 || status === 401) noteForLog(c.env.outgoing, message);
  const body = graphErrorBody(code, message, { requestId, clientRequestId, date: new Date().toISOString() });
  return c.json(body, status, { 'request-id': requestId, 'client-request-id': clientRequestId, 'cache-control': 'no-store' });
}

const targetsAsSent = new WeakMap<IncomingMessage, string>();

/** A request target split at its '?': the path, and the query with its '?' (or ''). */
function splitTarget(target: string): [path: string, query: string] {
  const queryAt = target.indexOf('?');
  return queryAt === -1 ? [target, ''] : [target.slice(0, queryAt), target.slice(queryAt)];
}

/**
 * @hono/node-server refuses a backslash in a path (a URL would read it as a slash), before any check
 * or route could answer. It gets the target with those escaped; the checks, the proxy's allow-list
 * and the log keep reading the target as sent (rawPathOf), and refuse it as they always did.
 */
export function escapeBackslashesInPath(req: IncomingMessage): void {
  const [path, query] = splitTarget(req.url ?? '');
  if (!path.includes('\\')) return;
  targetsAsSent.set(req, req.url ?? '');
  req.url = `${path.replaceAll('\\', '%5C')}${query}`;
}

/**
 * Reads to its end, and drops, whatever of a request's body is left once it is answered (a refusal
 * before reading, a 413 partway), so the keep-alive connection can carry the next request. The
 * adapter's own clean-up cuts the connection after 500 ms instead, and with it the requests
 * pipelined behind (autoCleanupIncoming: false in app.ts).
 */
export function drainWhenAnswered(req: IncomingMessage, res: ServerResponse): void {
  res.once('finish', () => {
    if (req.readableEnded) return;
    // A body the app began to read has a reader attached; nothing will read it now.
    req.removeAllListeners('data');
    req.resume();
  });
}

/** The path part of the raw request target, without query; '' when the target is not origin-form. */
export function rawPathOf(req: IncomingMessage): string {
  const [path] = splitTarget(targetsAsSent.get(req) ?? req.url ?? '');
  return path.startsWith('/') ? path : '';
}

/** The query part of the raw request target, with its '?'; '' when there is none. */
export function rawQueryOf(req: IncomingMessage): string {
  return splitTarget(targetsAsSent.get(req) ?? req.url ?? '')[1];
}

/** A header as Node parsed it (the first of repeated Authorization headers, say), which is what the checks were written for. */
export function headerValue(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * The checks of security.ts (Host, proxy headers, Origin, Sec-Fetch-Site, the
 * access token) as the first middleware of the server's app: every request
 * passes them, or is refused before any route sees it.
 */
import type { MiddlewareHandler } from 'hono';
import { CALLBACK_PATH, FORWARD_PATH, GRAPH_PROXY_PREFIX, RELAY_PATH } from '../src/graph/console';
import { consoleError } from '../src/graph/sessions';
import { rawPathOf, rawQueryOf, type NodeContext, type NodeEnv } from './http';
import { noteForLog } from './log';
import { checkRequest, type SecurityPolicy } from './security';

export const isUnder = (pathname: string, prefix: string): boolean => pathname === prefix || pathname.startsWith(`${prefix}/`);

/** /graph, /api and /relay: surfaces no other site may even trigger (the UI may be opened from a link). */
export function isApiPath(pathname: string): boolean {
  return isUnder(pathname, '/api') || isUnder(pathname, GRAPH_PROXY_PREFIX) || isUnder(pathname, RELAY_PATH);
}

/** A refusal the UI shows as a page, and an API caller reads as `{error: {code, message}}`. */
export function refuse(c: NodeContext, status: 400 | 401 | 403 | 503, reason: string, asPage: boolean, headers: Record<string, string> = {}): Response {
  noteForLog(c.env.outgoing, reason);
  if (asPage) {
    const page = `<!doctype html><meta charset="utf-8"><title>Comms Console</title><p>${reason.replace(/[<>&"]/g, '')}</p>`;
    return c.html(page, status, { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', ...headers });
  }
  const code = { 400: 'BadRequest', 401: 'Unauthorized', 403: 'Forbidden', 503: 'ServiceUnavailable' }[status];
  return c.json(consoleError(code, reason), status, { 'cache-control': 'no-store', ...headers });
}

/** `policy()` is undefined until the server listens (its port is part of the policy): requests meanwhile get 503. */
export function requestGuards(policy: () => SecurityPolicy | undefined): MiddlewareHandler<NodeEnv> {
  return async (c, next) => {
    const active = policy();
    if (!active) return refuse(c, 503, 'The console is starting; try again in a moment.', false, { 'retry-after': '1' });
    // The raw target, as sent: routes see it normalised, the checks judge what the client wrote.
    const pathname = rawPathOf(c.env.incoming);
    if (pathname === '') return refuse(c, 400, 'Only origin-form request targets (a path) are served.', false);
    const isPublic = pathname === CALLBACK_PATH || pathname === FORWARD_PATH;
    const isApi = isApiPath(pathname) || isApiPath(c.req.path);
    const verdict = checkRequest(c.env.incoming, isPublic ? 'public' : 'local', isApi, active, new URLSearchParams(rawQueryOf(c.env.incoming)));
    if (!verdict.allowed) return refuse(c, verdict.status, verdict.reason, !isApi);
    return next();
  };
}

/**
 * Who may talk to which surface (docs/architecture.md, "Security model", says
 * what each surface accepts and why): the checks (Host, proxy headers, Origin,
 * Sec-Fetch-Site, the access token), and the middleware that runs them on
 * every request before any route sees it.
 */
import { randomBytes, timingSafeEqual, createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { MiddlewareHandler } from 'hono';
import { parse as parseCookie } from 'hono/utils/cookie';
import { CALLBACK_PATH, FORWARD_PATH, GRAPH_PROXY_PREFIX, RELAY_PATH } from '../src/graph/console';
import { consoleError } from '../src/graph/sessions';
import { bracketed, isAnyAddress, type ServerConfig } from './config';
import { headerValue, rawPathOf, rawQueryOf, type NodeContext, type NodeEnv } from './http';
import { noteForLog } from './log';

export type SecurityPolicy = ReturnType<typeof createSecurityPolicy>;

export type Verdict = { allowed: true } | { allowed: false; status: 401 | 403; reason: string };

export const ACCESS_TOKEN_HEADER = 'x-console-token';
export const ACCESS_TOKEN_QUERY = 'token';

export function generateAccessToken(): string {
  return randomBytes(24).toString('base64url');
}

export function createSecurityPolicy(options: Pick<ServerConfig, 'host' | 'publicUrl' | 'extraLocalHosts'> & { port: number; accessToken?: string }) {
  const localHosts = new Set<string>([`127.0.0.1:${options.port}`, `localhost:${options.port}`, `[::1]:${options.port}`]);
  const bound = options.host.toLowerCase();
  // A specific address is how users reach it.
  if (!isAnyAddress(bound)) localHosts.add(`${bracketed(bound)}:${options.port}`);
  for (const extra of options.extraLocalHosts) localHosts.add(extra.includes(':') ? extra : `${extra}:${options.port}`);
  return {
    /** Lower-case `host:port` values a local surface answers to. */
    localHosts,
    /** Lower-case host (with port when not default) of PUBLIC_URL. */
    publicHost: options.publicUrl ? new URL(options.publicUrl).host.toLowerCase() : undefined,
    /** Required on local surfaces when set. */
    accessToken: options.accessToken,
    /** Cookies ignore ports, so the name carries it: two consoles on one machine keep their own. */
    cookieName: `comms_console_token_${options.port}`,
  };
}

/** Compares secrets in constant time; hashing first makes the lengths equal, so length leaks nothing either. */
export function secretsMatch(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false;
  const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/** Host-only (no Domain), whole site, not readable by scripts, never sent on cross-site requests; gone when the browser closes. */
export function accessTokenCookie(policy: SecurityPolicy): string {
  return `${policy.cookieName}=${policy.accessToken ?? ''}; Path=/; HttpOnly; SameSite=Strict`;
}

/** Headers a proxy, tunnel or CDN adds: a request carrying one did not come straight from this machine's browser. */
const PROXY_HEADERS = ['forwarded', 'x-forwarded-for', 'x-forwarded-host', 'x-forwarded-proto', 'x-real-ip', 'via', 'cf-connecting-ip', 'true-client-ip'];

/**
 * Host, proxy, Origin and Sec-Fetch-Site checks. `isApi` marks /graph, /api and /relay,
 * which no other site may even trigger; the UI itself may be opened from a link.
 */
const forbidden = (reason: string): Verdict => ({ allowed: false, status: 403, reason });

export function checkRequest(req: IncomingMessage, surface: 'local' | 'public', isApi: boolean, policy: SecurityPolicy, query: URLSearchParams): Verdict {
  const host = (headerValue(req, 'host') ?? '').toLowerCase();
  const isLocalHost = policy.localHosts.has(host);
  const isPublicHost = policy.publicHost !== undefined && host === policy.publicHost;

  if (surface === 'local') {
    if (!isLocalHost) return forbidden(`Host "${host}" is not this console's local address (${[...policy.localHosts].join(', ')}).`);
    // A tunnel or reverse proxy in front of the console exposes only the public surfaces.
    const proxied = PROXY_HEADERS.find((name) => headerValue(req, name) !== undefined);
    if (proxied) return forbidden(`Request came through a proxy (${proxied} header); only the notification endpoints are public.`);
  } else if (!isLocalHost && !isPublicHost) {
    return forbidden(`Host "${host}" is neither a local address nor PUBLIC_URL's host.`);
  }

  const origin = headerValue(req, 'origin');
  if (origin !== undefined) {
    const sameOrigin = origin.toLowerCase() === `http://${host}` || (isPublicHost && origin.toLowerCase() === `https://${host}`);
    if (!sameOrigin) return forbidden(`Origin "${origin}" is not this console.`);
  }

  if (isApi) {
    const site = headerValue(req, 'sec-fetch-site');
    if (site !== undefined && site !== 'same-origin' && site !== 'none') return forbidden(`Cross-site request (Sec-Fetch-Site: ${site}) refused.`);
  }

  if (surface === 'local' && policy.accessToken !== undefined) {
    const expected = policy.accessToken;
    // Every token presented: header, `?token=` (the printed URL), cookie. Each is checked: a cookie left by an
    // earlier run (the token changes on every start), or planted by another app on the same host name (cookies
    // ignore ports), must not shadow the valid token of the URL.
    const cookie = parseCookie(headerValue(req, 'cookie') ?? '', policy.cookieName)[policy.cookieName];
    const presented = [headerValue(req, ACCESS_TOKEN_HEADER), query.get(ACCESS_TOKEN_QUERY) ?? undefined, cookie];
    // Each one compared (not stopping at the first match), so timing says nothing about which was right.
    if (!presented.map((token) => secretsMatch(token, expected)).includes(true)) {
      return { allowed: false, status: 401, reason: 'Console access token missing or wrong: open the URL the server printed at start (it ends with ?token=...).' };
    }
  }
  return { allowed: true };
}

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

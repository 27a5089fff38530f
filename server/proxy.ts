/**
 * The /graph proxy: the browser's Graph requests, sent on to GRAPH_BASE_URL
 * with the app-only token, when the allow-list says so. Graph's status, body
 * and the headers the console reads come back unchanged; an upstream timeout
 * or network failure becomes a Graph-format error that names the cause.
 */
import { randomUUID } from 'node:crypto';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import { GRAPH_PROXY_PREFIX } from '../src/graph/console';
import { isGuid } from '../src/graph/ids';
import { liveUnavailableReason, type ServerConfig } from './config';
import { checkBatch, routeGraphRequest } from './graph-allow-list';
import { TokenUnavailableError, type GraphTokenSource } from './graph-token';
import { noteForLog } from './log';
import { graphError, headerValue, rawPathOf, rawQueryOf, type NodeContext } from './http';
import { readLimitedBody } from './request-body';
import { sendUpstream, type UpstreamResponse } from './upstream-request';

/** Headers the browser may pass on to Graph. Never its cookie or Authorization. */
const REQUEST_HEADERS_FORWARDED = ['accept', 'content-type', 'prefer', 'if-match', 'if-none-match', 'consistencylevel'];
/** Headers Graph's answer keeps on its way back. */
const RESPONSE_HEADERS_RETURNED = ['content-type', 'location', 'request-id', 'client-request-id', 'retry-after', 'etag', 'x-ms-ags-diagnostic', 'preference-applied'];
const METHODS_WITH_BODY = new Set(['POST', 'PATCH', 'PUT']);

/** The network error's own code (ECONNREFUSED, ENOTFOUND, a TLS error...), which is what a user can act on. */
function describeNetworkError(error: unknown): string {
  const cause = error instanceof Error ? (error.cause as (Error & { code?: string }) | undefined) : undefined;
  if (cause?.code) return `${cause.code}${cause.message && !cause.message.includes(cause.code) ? ` (${cause.message})` : ` ${cause.message ?? ''}`}`.trim();
  if (cause?.message) return cause.message;
  return error instanceof Error ? error.message : String(error);
}

function isTimeout(error: unknown): boolean {
  return error instanceof Error && (error.name === 'TimeoutError' || (error.cause as Error | undefined)?.name === 'TimeoutError');
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error(`${what} did not answer within ${ms} ms`), { name: 'TimeoutError' })), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** The proxy as one handler, for every request whose raw path is under /graph (see app.ts). */
export function graphProxy(options: { config: ServerConfig; getToken: GraphTokenSource }): (c: NodeContext) => Promise<Response> {
  const { config, getToken } = options;
  const graphBase = new URL(config.graph.baseUrl);
  const basePath = graphBase.pathname.replace(/\/$/, '');
  const timeoutMs = config.graph.timeoutMs;

  const describeApp = () => ({
    '@odata.context': `${graphBase.origin}/v1.0/$metadata#users/$entity`,
    id: config.graph.clientId,
    displayName: 'Comms Console app',
    description: 'The app registration this console acts as, with an app-only token: there is no signed-in user.',
    userPrincipalName: null,
    mail: null,
    jobTitle: 'Application',
    appId: config.graph.clientId,
    tenantId: config.graph.tenantId,
  });

  return async (c) => {
    const req = c.env.incoming;
    const method = req.method ?? 'GET';
    const browserRequestId = headerValue(req, 'client-request-id');
    const clientRequestId = browserRequestId && isGuid(browserRequestId) ? browserRequestId : randomUUID();
    const refuse = (status: 403 | 404 | 413 | 400 | 502 | 503 | 504, code: string, message: string) => graphError(c, status, code, message, clientRequestId);
    // The body first, as a request body always is (GET and HEAD have none): over MAX_BODY_BYTES, nothing else is looked at.
    const read = method === 'GET' || method === 'HEAD' ? undefined : await readLimitedBody(req, config.maxBodyBytes);
    if (read?.ok === false) {
      if (read.reason === 'aborted') return refuse(400, 'BadRequest', 'The request ended before its body was read whole.');
      return refuse(413, 'RequestEntityTooLarge', `The request body is over the proxy's limit of ${config.maxBodyBytes} bytes (MAX_BODY_BYTES).`);
    }
    // The raw path: the allow-list judges what the client sent, not a normalised copy.
    const route = routeGraphRequest(method, rawPathOf(req).slice(GRAPH_PROXY_PREFIX.length), rawQueryOf(req));

    if (route.kind === 'refused') return refuse(403, 'Forbidden', `The Comms Console proxy does not forward this request: ${route.reason}.`);
    const unavailable = liveUnavailableReason(config.graph);
    if (unavailable) return refuse(503, 'serviceNotAvailable', unavailable);
    if (route.kind === 'me') return c.json(describeApp(), 200, { 'client-request-id': clientRequestId, 'cache-control': 'no-store' });
    if (route.kind === 'me-photo') return refuse(404, 'ImageNotFound', 'The Comms Console app has no photo.');

    let body = METHODS_WITH_BODY.has(method) && read?.ok ? read.bytes : undefined;
    if (route.kind === 'batch') {
      const batch = checkBatch(route.version, body?.toString('utf8') ?? '');
      if (!batch.ok) return refuse(batch.status, batch.status === 403 ? 'Forbidden' : 'BadRequest', `The Comms Console proxy does not forward this batch: ${batch.reason}.`);
      body = Buffer.from(batch.body, 'utf8');
    }

    let token: string;
    try {
      token = await withTimeout(getToken(), timeoutMs, `The token endpoint at ${config.graph.authorityHost}`);
    } catch (error) {
      if (isTimeout(error)) return refuse(504, 'GatewayTimeout', `${(error as Error).message} (GRAPH_TIMEOUT_MS).`);
      return refuse(502, 'BadGateway', error instanceof TokenUnavailableError ? error.message : `Could not get an app-only token: ${describeNetworkError(error)}`);
    }

    const upstreamUrl = new URL(graphBase.origin);
    upstreamUrl.pathname = `${basePath}${route.upstreamPath}`;
    upstreamUrl.search = route.kind === 'batch' ? '' : route.query;
    const headers: Record<string, string> = { authorization: `Bearer ${token}`, 'client-request-id': clientRequestId, 'return-client-request-id': 'true' };
    for (const name of REQUEST_HEADERS_FORWARDED) {
      const value = headerValue(req, name);
      if (value !== undefined) headers[name] = value;
    }
    headers.accept ??= 'application/json';
    if (route.kind === 'batch') headers['content-type'] = 'application/json';

    let upstream: UpstreamResponse;
    try {
      // node:http follows no redirect: Graph's Location headers are answers, passed back as they are.
      upstream = await sendUpstream(upstreamUrl, { method, headers, ...(body ? { body } : {}), timeoutMs });
    } catch (error) {
      if (isTimeout(error)) return refuse(504, 'GatewayTimeout', `Graph at ${graphBase.origin} did not answer within ${timeoutMs} ms (GRAPH_TIMEOUT_MS).`);
      return refuse(502, 'BadGateway', `Could not reach Graph at ${graphBase.origin}: ${describeNetworkError(error)}.`);
    }

    const responseHeaders: Record<string, string> = { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' };
    for (const name of RESPONSE_HEADERS_RETURNED) {
      const value = upstream.header(name);
      if (value !== undefined) responseHeaders[name] = value;
    }
    responseHeaders['client-request-id'] ??= clientRequestId;
    // Graph's answer is piped to the socket as it comes, not through a web stream: that cost is what `npm run bench` watches.
    const res = c.env.outgoing;
    res.writeHead(upstream.status, responseHeaders);
    if (method === 'HEAD') {
      upstream.body.resume();
      res.end();
    } else {
      upstream.body
        .on('error', (error) => {
          noteForLog(res, `answer from Graph cut off: ${describeNetworkError(error)}`);
          res.destroy();
        })
        .pipe(res);
    }
    return RESPONSE_ALREADY_SENT;
  };
}

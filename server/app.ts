/**
 * The console's one Node process: routes each request to its surface after
 * the security checks, and owns the lifecycle (listen, close) so tests can
 * start it in-process on port 0.
 */
import { createServer, STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { CONFIG_PATH, GRAPH_PROXY_PREFIX, KNOWN_CALLS_PATH, RELAY_PATH } from '../src/graph/console';
import { isLoopbackHost, liveUnavailableReason, type ServerConfig } from './config';
import { CALLBACK_PATH, consoleConfigOf, FORWARD_PATH } from './console-config';
import { openBotAnswerLog, type BotAnswerLog } from './bot-answers';
import { createBotForwarder, forwardLoopsBack, type BotForwarder } from './forward-to-bot';
import { createForwardingCallback } from './forwarding-callback';
import { createMsalTokenSource, type GraphTokenSource } from './graph-token';
import { uiSecurityHeaders } from './headers';
import { createHistoryEndpoints } from './history-endpoints';
import { headerValue, rawPathOf, sendJson } from './http';
import { createRequestLogger, noteForLog, type Log } from './log';
import { createNotificationEndpoints } from './notification-endpoints';
import { createNotificationTokenVerifier, type NotificationTokenVerifier } from './notification-token';
import { createGraphProxy } from './proxy';
import { createRelay, parseSince } from './relay';
import { openSessionStore, type ServerSessionStore } from './session-store';
import {
  ACCESS_TOKEN_QUERY,
  accessTokenCookie,
  checkRequest,
  createSecurityPolicy,
  generateAccessToken,
  type SecurityPolicy,
  type Surface,
} from './security';
import { isHistoryPath } from '../src/graph/historyApi';
import type { RelayNotification } from '../src/graph/schemas';
import { createStaticSite, distIsBuilt } from './static';
import { openNotificationStore, type NotificationStore } from './store';

export interface StartOptions {
  /** Where log lines go; default stdout. */
  log?: Log;
  /** Replaces MSAL (tests count token requests through it); default MSAL's client-credentials flow. */
  getGraphToken?: GraphTokenSource;
  /** Replaces the SQLite store under DATA_DIR (the bench's no-storage baseline); closed by close() all the same. */
  notificationStore?: NotificationStore;
  /** Replaces the notification JWT verifier (the bench's no-verification baseline). */
  notificationVerifier?: NotificationTokenVerifier;
}

export interface RunningServer {
  /** The URL to open, with `?token=` when an access token guards the console. */
  url: string;
  /** The URL without the token. */
  baseUrl: string;
  port: number;
  accessToken?: string;
  /** Whether dist/ held a built UI at start (the server picks up a later build by itself). */
  distBuilt: boolean;
  close(): Promise<void>;
}

function displayHost(host: string): string {
  if (host === '0.0.0.0' || host === '::' || host === '[::]') return '127.0.0.1';
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}

/** Answers an upgrade request that will not become a websocket. */
function refuseUpgrade(socket: Duplex, status: number, reason: string): void {
  const body = JSON.stringify({ error: { code: STATUS_CODES[status] ?? 'Error', message: reason } });
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\nContent-Type: application/json; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

const isUnder = (pathname: string, prefix: string): boolean => pathname === prefix || pathname.startsWith(`${prefix}/`);

function methodNotAllowed(res: ServerResponse, allow: string): void {
  sendJson(res, 405, { error: { code: 'MethodNotAllowed', message: `Use ${allow}.` } }, { allow });
}

function refuse(res: ServerResponse, status: number, reason: string, asHtml: boolean): void {
  if (asHtml) {
    const text = `<!doctype html><meta charset="utf-8"><title>Comms Console</title><p>${reason.replace(/[<>&"]/g, '')}</p>`;
    res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
    res.end(text);
    return;
  }
  sendJson(res, status, { error: { code: status === 401 ? 'Unauthorized' : 'Forbidden', message: reason } });
}

export async function startServer(config: ServerConfig, options: StartOptions = {}): Promise<RunningServer> {
  const log = options.log ?? ((line: string) => console.log(line));
  const accessToken = config.consoleAccessToken ?? (isLoopbackHost(config.host) ? undefined : generateAccessToken());
  const site = createStaticSite(config.distDir);
  let distBuilt = distIsBuilt(config.distDir);
  const logRequest = createRequestLogger(log);

  const store = options.notificationStore ?? openNotificationStore(config.dataDir);
  // FORWARD_TO: the bot's answers are kept apart from the notifications, and shown with them.
  const botAnswers: BotAnswerLog | undefined = config.forwardTo ? openBotAnswerLog(config.dataDir) : undefined;
  const forwarder: BotForwarder | undefined = config.forwardTo
    ? createBotForwarder({ ...config.forwardTo, maxAnswerBytes: config.maxBodyBytes })
    : undefined;
  let withBotAnswers = (notifications: RelayNotification[]) => notifications;
  const relayStore: NotificationStore = { ...store, listAfter: (since, limit) => withBotAnswers(store.listAfter(since, limit)) };
  const relay = createRelay({
    store: relayStore,
    maxBufferedBytes: config.relay.maxBufferedBytes,
    pingIntervalMs: config.relay.pingIntervalMs,
    log,
    greeting: () => (botAnswers ? [{ type: 'refused', count: botAnswers.refused() }] : []),
  });
  const sessionStore = openSessionStore(config.dataDir, () => store.lastSeq());
  const verifier = options.notificationVerifier ?? createNotificationTokenVerifier({
    openIdConfigUrl: config.notifications.openIdConfigUrl,
    audience: config.graph.clientId,
    clockSkewSeconds: config.notifications.clockSkewSeconds,
    jwksRefetchCooldownMs: config.notifications.jwksRefetchCooldownMs,
  });
  const forwarding =
    forwarder && botAnswers ? createForwardingCallback({ forwarder, answers: botAnswers, verifier, store, relay, log }) : undefined;
  if (forwarding) withBotAnswers = forwarding.withBotAnswers;
  const sessions: ServerSessionStore = forwarding
    ? { ...sessionStore, events: async (session) => forwarding.eventsWithBotAnswers(await sessionStore.events(session)) }
    : sessionStore;
  const history = createHistoryEndpoints({ sessions, relay });
  const notifications = createNotificationEndpoints({ config, verifier, store, relay, ...(forwarding ? { forwarding } : {}) });
  const getGraphToken =
    options.getGraphToken ??
    (liveUnavailableReason(config.graph) === undefined
      ? createMsalTokenSource(config.graph, log)
      : () => Promise.reject(new Error('live mode is off')));
  const proxy = createGraphProxy({ config, getToken: getGraphToken });

  // Known only after listen (port 0 in tests); requests before then get 503.
  const listening: { policy?: SecurityPolicy; baseUrl: string } = { baseUrl: '' };

  const handle = async (req: IncomingMessage, res: ServerResponse, activePolicy: SecurityPolicy): Promise<void> => {
    const method = req.method ?? 'GET';
    const pathname = rawPathOf(req);
    if (pathname === '') {
      req.resume();
      return sendJson(res, 400, { error: { code: 'BadRequest', message: 'Only origin-form request targets (a path) are served.' } });
    }
    const query = new URLSearchParams(req.url?.split('?')[1] ?? '');
    const isPublic = pathname === CALLBACK_PATH || pathname === FORWARD_PATH;
    const isApi = isUnder(pathname, '/api') || isUnder(pathname, GRAPH_PROXY_PREFIX) || isUnder(pathname, RELAY_PATH);
    const surface: Surface = isPublic ? 'public' : 'local';
    const verdict = checkRequest(req, surface, isApi, activePolicy, query);
    if (!verdict.allowed) {
      req.resume();
      noteForLog(res, verdict.reason);
      refuse(res, verdict.status, verdict.reason, !isApi);
      return;
    }

    if (isPublic) {
      if (method !== 'POST') return methodNotAllowed(res, 'POST');
      return pathname === CALLBACK_PATH ? notifications.receiveFromGraph(req, res) : notifications.receiveForwarded(req, res);
    }
    if (isUnder(pathname, GRAPH_PROXY_PREFIX)) return proxy.handle(req, res);
    if (pathname === CONFIG_PATH) {
      if (method !== 'GET') return methodNotAllowed(res, 'GET');
      return sendJson(res, 200, consoleConfigOf(config, listening.baseUrl));
    }
    if (pathname === KNOWN_CALLS_PATH) {
      if (method !== 'GET') return methodNotAllowed(res, 'GET');
      return sendJson(res, 200, { calls: store.knownCalls() });
    }
    if (isHistoryPath(pathname)) return history.handle(req, res, pathname);
    if (isApi) {
      req.resume();
      const hint = pathname === RELAY_PATH ? ' (the relay is a websocket: connect with Upgrade: websocket)' : '';
      return sendJson(res, 404, { error: { code: 'NotFound', message: `No such endpoint: ${method} ${pathname}${hint}` } });
    }

    if (method !== 'GET' && method !== 'HEAD') {
      req.resume();
      return methodNotAllowed(res, 'GET, HEAD');
    }
    // Arriving with the printed ?token=: keep it in a cookie and drop it from the address bar.
    if (activePolicy.accessToken !== undefined && query.has(ACCESS_TOKEN_QUERY)) {
      query.delete(ACCESS_TOKEN_QUERY);
      const rest = query.toString();
      // One leading slash only: `//host` would be a redirect to another site.
      const location = `/${pathname.replace(/^\/+/, '')}${rest ? `?${rest}` : ''}`;
      res.writeHead(303, { location, 'set-cookie': accessTokenCookie(activePolicy), 'cache-control': 'no-store' });
      res.end();
      return;
    }
    // Built after the server started (`npm run build` in another terminal)? Serve it from now on.
    distBuilt ||= distIsBuilt(config.distDir);
    if (!distBuilt) {
      refuse(res, 503, 'The UI is not built: run `npm run build`, then reload this page.', true);
      return;
    }
    if (!site.serve(pathname, method, res, uiSecurityHeaders(headerValue(req, 'host') ?? ''))) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' });
      res.end('Not found');
    }
  };

  const handleUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer, activePolicy: SecurityPolicy): void => {
    const pathname = rawPathOf(req);
    const query = new URLSearchParams(req.url?.split('?')[1] ?? '');
    const logUpgrade = (status: number, note?: string) =>
      log(`${new Date().toISOString()} UPGRADE ${(pathname || '(non-path target)').slice(0, 300)} ${status}${note ? ` (${note})` : ''}`);
    const refuseWith = (status: number, reason: string) => {
      logUpgrade(status, reason);
      refuseUpgrade(socket, status, reason);
    };
    if (pathname !== RELAY_PATH) return refuseWith(404, `Only ${RELAY_PATH} is a websocket.`);
    const verdict = checkRequest(req, 'local', true, activePolicy, query);
    if (!verdict.allowed) return refuseWith(verdict.status, verdict.reason);
    const since = parseSince(query);
    if (since === undefined) return refuseWith(400, 'since must be a non-negative integer (the last seq received).');
    logUpgrade(101);
    relay.handleUpgrade(req, socket, head, since);
  };

  const server = createServer((req, res) => {
    logRequest(req, res);
    if (!listening.policy) {
      res.writeHead(503);
      res.end();
      return;
    }
    handle(req, res, listening.policy).catch((error: unknown) => {
      req.resume();
      noteForLog(res, `internal error: ${error instanceof Error ? error.message : String(error)}`);
      if (!res.headersSent) sendJson(res, 500, { error: { code: 'InternalServerError', message: 'The console server failed to answer; see its log.' } });
      else res.destroy();
    });
  });

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    if (!listening.policy) return refuseUpgrade(socket, 503, 'starting');
    handleUpgrade(req, socket, head, listening.policy);
  });

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(config.port, config.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    await relay.close();
    sessions.close();
    botAnswers?.close();
    forwarder?.close();
    store.close();
    throw error;
  }
  const port = (server.address() as AddressInfo).port;
  const loop = forwarder ? forwardLoopsBack(forwarder.target, { host: config.host, port, publicUrl: config.publicUrl, extraLocalHosts: config.extraLocalHosts }) : undefined;
  if (loop) {
    server.close();
    await relay.close();
    sessions.close();
    botAnswers?.close();
    forwarder?.close();
    store.close();
    throw new Error(`FORWARD_TO points at the console itself (${loop}): every notification would come back to it. Set FORWARD_TO to the bot's own callback URL.`);
  }
  listening.policy = createSecurityPolicy({ port, host: config.host, publicUrl: config.publicUrl, extraLocalHosts: config.extraLocalHosts, accessToken });
  const baseUrl = `http://${displayHost(config.host)}:${port}/`;
  listening.baseUrl = baseUrl;
  const url = accessToken ? `${baseUrl}?${ACCESS_TOKEN_QUERY}=${accessToken}` : baseUrl;

  return {
    url,
    baseUrl,
    port,
    accessToken,
    distBuilt,
    async close() {
      const closed = new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
      server.closeAllConnections();
      await relay.close();
      await closed;
      forwarder?.close();
      sessions.close();
      botAnswers?.close();
      store.close();
    },
  };
}

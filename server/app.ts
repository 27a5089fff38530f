/**
 * The console's one Node process: routes each request to its surface after
 * the security checks, and owns the lifecycle (listen, close) so tests can
 * start it in-process on port 0.
 */
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createServer, STATUS_CODES, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { getRequestListener } from '@hono/node-server';
import { Hono, type Context, type Next } from 'hono';
import { parse as parseCookie } from 'hono/utils/cookie';
import { createConsoleApi, fail } from '../src/api/consoleApi';
import { MODE_COOKIE } from '../src/graph/firstScreen';
import { GRAPH_PROXY_PREFIX, RELAY_PATH } from '../src/graph/console';
import { CURRENT_SESSION_EVENTS_PATH, FIRST_READ_NEWEST, SESSIONS_PATH } from '../src/graph/sessionPaths';
import { sessionEventsQuerySchema } from '../src/graph/sessionRequests';
import { consoleError, type Session } from '../src/graph/sessions';
import { openBotAnswerLog, withBotAnswers } from './bot-answers';
import { bracketed, consoleConfigOf, isAnyAddress, isLoopbackHost, liveUnavailableReason, type ServerConfig } from './config';
import { createBotForwarder, forwardLoopsBack } from './forward-to-bot';
import { createForwardingCallback } from './forwarding-callback';
import { createMsalTokenSource, type GraphTokenSource } from './graph-token';
import { drainWhenAnswered, escapeBackslashesInPath, rawPathOf, type NodeEnv } from './http';
import { createBufferedLog, createRequestLogger, noteForLog, safeLog, type Log } from './log';
import { notificationRoutes } from './notification-endpoints';
import { LogUnavailableError, type ConsoleStore } from './console-store';
import { createNotificationTokenVerifier, type NotificationTokenVerifier } from './notification-token';
import { graphProxy } from './proxy';
import { createRelay, parseSince } from './relay';
import { openRedisStore } from './redis-store';
import { createRetention } from './retention';
import { streamSessionEventsPart } from './session-events-stream';
import { ACCESS_TOKEN_QUERY, checkRequest, createSecurityPolicy, generateAccessToken, isUnder, requestGuards, type SecurityPolicy } from './security';
import { openSqliteStore } from './sqlite-store';
import { distIsBuilt, uiRoutes, type FirstRead } from './ui';

export interface StartOptions {
  /** Where log lines go; default stdout. */
  log?: Log;
  /** Replaces MSAL (tests count token requests through it); default MSAL's client-credentials flow. */
  getGraphToken?: GraphTokenSource;
  /** Replaces the store REDIS_URL or DATA_DIR would open (the bench's no-storage baseline); closed by close() all the same. */
  store?: ConsoleStore;
  /** Replaces the notification JWT verifier (the bench's no-verification baseline). */
  notificationVerifier?: NotificationTokenVerifier;
}

export type RunningServer = Awaited<ReturnType<typeof startServer>>;

/** Answers an upgrade request that will not become a websocket. */
function refuseUpgrade(socket: Duplex, status: number, reason: string): void {
  const body = JSON.stringify(consoleError(STATUS_CODES[status] ?? 'Error', reason));
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\nContent-Type: application/json; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

export async function startServer(config: ServerConfig, options: StartOptions = {}) {
  // stdout's lines are written once per turn (createBufferedLog); a log given by the caller gets each at once.
  const stdoutLog = options.log ? undefined : createBufferedLog();
  const log = safeLog(options.log ?? stdoutLog?.log ?? (() => undefined));
  const accessToken = config.consoleAccessToken ?? (isLoopbackHost(config.host) ? undefined : generateAccessToken());
  const logRequest = createRequestLogger(log);

  // Redis when REDIS_URL is set (a log shared by every instance), else SQLite under DATA_DIR.
  const store =
    options.store ??
    (config.redis ? await openRedisStore({ ...config.redis, log }) : openSqliteStore(config.dataDir, log));
  const botAnswers = config.forwardTo ? openBotAnswerLog(config.dataDir) : undefined;
  const forwarder = config.forwardTo
    ? createBotForwarder({ ...config.forwardTo, maxAnswerBytes: config.maxBodyBytes })
    : undefined;
  // What the relay replays and the history returns carries the bot's answers.
  const { log: notificationLog, sessions, paged } = botAnswers ? withBotAnswers(store, botAnswers) : store;
  const relay = createRelay({
    store: notificationLog,
    ...config.relay,
    log,
    greeting: () => (botAnswers ? [{ type: 'refused', count: botAnswers.refused() }] : []),
  });
  // Retention and paged reads where the store offers them (SQLite and Redis both do).
  const retention = paged ? createRetention({ store: paged, ...config.retention, log }) : undefined;
  const verifier = options.notificationVerifier ?? createNotificationTokenVerifier(config);
  const forwarding =
    forwarder && botAnswers ? createForwardingCallback({ forwarder, answers: botAnswers, verifier, notificationLog: store.log, storageRefusal: retention?.refusal, relay, log }) : undefined;
  const getGraphToken =
    options.getGraphToken ??
    (liveUnavailableReason(config.graph) === undefined
      ? createMsalTokenSource(config.graph, log)
      : () => Promise.reject(new Error('live mode is off')));
  const proxy = graphProxy({ config, getToken: getGraphToken });

  // Known only after listen (port 0 in tests); requests before then get 503.
  const listening: { policy?: SecurityPolicy; baseUrl: string } = { baseUrl: '' };
  const consoleApi = createConsoleApi({
    // The list also says what retention deleted (retention.ts).
    sessions: {
      ...sessions,
      list: async () => {
        const pruned = retention?.lastPruned();
        return { ...(await store.sessions.list()), ...(pruned ? { pruned } : {}) };
      },
    },
    knownCalls: () => store.knownCalls(),
    redeliver: async (seq) => {
      const notification = await notificationLog.get(seq);
      return notification ? { clients: relay.redeliver(notification) } : undefined;
    },
    newId: () => randomUUID(),
    now: () => new Date(),
    config: () => consoleConfigOf(config, listening.baseUrl),
  });

  // Thrown on to this app's onError, which answers an unreachable log with 503 for every route alike.
  consoleApi.onError((error) => {
    throw error;
  });

  const app = new Hono<NodeEnv>();
  app.use(requestGuards(() => listening.policy));
  // By the raw path, as sent: `/graph/../x` is a Graph request the allow-list refuses, not a page.
  app.use(async (c, next) => (isUnder(rawPathOf(c.env.incoming), GRAPH_PROXY_PREFIX) ? proxy(c) : next()));
  app.route('/', notificationRoutes({ config, verifier, log: store.log, storageRefusal: retention?.refusal, ...(forwarding ? { forwarding } : {}) }));
  if (paged) {
    // A session's events are streamed a page at a time (session-events-stream.ts); anything else
    // about that path (a session that does not exist, a bad query, another method) is the console API's answer.
    const streamed = (findSession: (c: Context<NodeEnv>) => Promise<Session | undefined>) => async (c: Context<NodeEnv>, next: Next) => {
      const query = sessionEventsQuerySchema.safeParse(c.req.query());
      const session = query.success ? await findSession(c) : undefined;
      return query.success && session ? streamSessionEventsPart(paged, session, query.data) : next();
    };
    app.get(CURRENT_SESSION_EVENTS_PATH, streamed(() => store.sessions.current()));
    app.get(`${SESSIONS_PATH}/:id/events`, streamed((c) => store.sessions.get((c.req.param('id') ?? '').toLowerCase())));
  }
  app.all('/api/*', (c) => consoleApi.fetch(c.req.raw));
  app.all(RELAY_PATH, (c) => fail(c, 404, 'NotFound', `No such endpoint: ${c.req.method} ${RELAY_PATH} (the relay is a websocket: connect with Upgrade: websocket)`));
  // A live page is served with its first screen drawn (first-screen.ts) from the read its first module would make.
  const firstRead: FirstRead | undefined = paged
    ? async (cookieHeader) => {
        if (parseCookie(cookieHeader ?? '', MODE_COOKIE)[MODE_COOKIE] !== 'live') return undefined;
        const session = await store.sessions.current();
        if (!session) return undefined;
        const answer = await streamSessionEventsPart(paged, session, { newest: FIRST_READ_NEWEST });
        return answer.ok ? answer.text() : undefined;
      }
    : undefined;
  app.route('/', uiRoutes(config.distDir, () => listening.policy, firstRead ? { read: firstRead, log } : undefined));
  app.onError((error, c) => {
    if (error instanceof LogUnavailableError) {
      // Nothing was stored or read: 503 tells Graph (and the browser) to try again.
      noteForLog(c.env.outgoing, error.message);
      return c.json(consoleError('ServiceUnavailable', `${error.message}. Nothing was stored or changed; try again shortly.`), 503, { 'cache-control': 'no-store', 'retry-after': '1' });
    }
    noteForLog(c.env.outgoing, `internal error: ${error instanceof Error ? error.message : String(error)}`);
    return c.json(consoleError('InternalServerError', 'The console server failed to answer; see its log.'), 500, { 'cache-control': 'no-store' });
  });
  const listener = getRequestListener(app.fetch, {
    // overrideGlobalObjects stays on: without it, Hono's bodyLimit fails (500) on every chunked body,
    // because undici's Request cannot be made from the adapter's own (server/body-limits.test.ts).
    autoCleanupIncoming: false,
    // A target or Host header no URL can be made of never reaches the app.
    errorHandler: () => Response.json(consoleError('BadRequest', 'The request target or Host header is not valid.'), { status: 400, headers: { 'cache-control': 'no-store' } }),
  });

  const server = createServer((req, res) => {
    logRequest(req, res);
    escapeBackslashesInPath(req);
    drainWhenAnswered(req, res);
    void listener(req, res);
  });

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    if (!listening.policy) return refuseUpgrade(socket, 503, 'starting');
    const pathname = rawPathOf(req);
    const query = new URLSearchParams(req.url?.split('?')[1] ?? '');
    const logUpgrade = (status: number, note?: string) =>
      log(`${new Date().toISOString()} UPGRADE ${(pathname || '(non-path target)').slice(0, 300)} ${status}${note ? ` (${note})` : ''}`);
    const refuseWith = (status: number, reason: string) => {
      logUpgrade(status, reason);
      refuseUpgrade(socket, status, reason);
    };
    if (pathname !== RELAY_PATH) return refuseWith(404, `Only ${RELAY_PATH} is a websocket.`);
    const verdict = checkRequest(req, 'local', true, listening.policy, query);
    if (!verdict.allowed) return refuseWith(verdict.status, verdict.reason);
    const since = parseSince(query);
    if (since === undefined) return refuseWith(400, 'since must be a non-negative integer (the last seq received).');
    logUpgrade(101);
    relay.handleUpgrade(req, socket, head, since);
  });

  /** Everything but the HTTP server; `httpClosed`: wait for it once the relay's websockets are gone, before the store goes. */
  const closeParts = async (httpClosed?: Promise<void>): Promise<void> => {
    await relay.close();
    await httpClosed;
    forwarder?.close();
    botAnswers?.close();
    await retention?.close();
    await store.close();
    stdoutLog?.close();
  };

  try {
    server.listen(config.port, config.host);
    await once(server, 'listening');
  } catch (error) {
    await closeParts();
    throw error;
  }
  const port = (server.address() as AddressInfo).port;
  const loop = forwarder ? forwardLoopsBack(forwarder.target, { ...config, port }) : undefined;
  if (loop) {
    server.close();
    await closeParts();
    throw new Error(`FORWARD_TO points at the console itself (${loop}): every notification would come back to it. Set FORWARD_TO to the bot's own callback URL.`);
  }
  listening.policy = createSecurityPolicy({ ...config, port, accessToken });
  const baseUrl = `http://${isAnyAddress(config.host) ? '127.0.0.1' : bracketed(config.host)}:${port}/`;
  listening.baseUrl = baseUrl;
  const url = accessToken ? `${baseUrl}?${ACCESS_TOKEN_QUERY}=${accessToken}` : baseUrl;

  return {
    /** The URL to open, with `?token=` when an access token guards the console. */
    url,
    /** The URL without the token. */
    baseUrl,
    port,
    accessToken,
    /** Whether dist/ held a built UI at start (the server picks up a later build by itself). */
    distBuilt: distIsBuilt(config.distDir),
    async close(): Promise<void> {
      const closed = new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
      server.closeAllConnections();
      await closeParts(closed);
    },
  };
}

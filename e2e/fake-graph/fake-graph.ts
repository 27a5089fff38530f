/**
 * A local Microsoft Graph for live-mode tests and demos: the token authority
 * MSAL talks to, Graph's calls API answered by the one call simulator, and
 * signed notifications posted to the console's callback. Real TLS, because
 * MSAL refuses plain-http authorities.
 */
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { graphErrorBody, STATUS_TEXT } from '../../src/graph/errors';
import { answerBodyTooLarge, handleGraphRequest, MAX_GRAPH_BODY_BYTES } from '../../src/graph/simulator/http';
import { CallSimulator, DEFAULT_SEED } from '../../src/graph/simulator/simulator';
import { BodyTooLargeError, flatHeaders, jsonAnswer, readBody, sendAnswer } from './answer';
import type { Answer } from './answer';
import { createNotificationSigner } from './notification-signer';
import type { NotificationTokenOverrides } from './notification-signer';
import { Notifier } from './notifier';
import type { NotificationDelivery } from './notifier';
import { createTokenAuthority } from './token-authority';

export type { NotificationDelivery } from './notifier';
export type { NotificationTokenOverrides } from './notification-signer';

export interface FakeGraphOptions {
  /** 0 = any free port; default 0. */
  port?: number;
  tenantId: string;
  clientId: string;
  clientSecret: string;
  /** PEM certificate registered on the app, so MSAL's certificate credential works as well as the secret. */
  clientCertificate?: string;
  /** Where notifications are POSTed (the console's callback, e.g. http://127.0.0.1:4319/api/calls). */
  callbackUrl: string;
  /** Simulator seed, default the simulator's DEFAULT_SEED. */
  seed?: number;
  /** Real-time clock tick, default 100. */
  tickMs?: number;
  /** PEM, see makeTestCertificate. */
  tls: { key: string; cert: string };
  /** Where problems go (dropped or refused notifications); default stderr. */
  log?: (line: string) => void;
  /** Also log every Graph request, token request and delivery (the CLI's view). */
  verbose?: boolean;
}

export interface GraphRequestRecord {
  method: string;
  /** As received: raw path and query, not decoded, so tests can see exactly what reached Graph. */
  path: string;
  headers: Record<string, string>;
}

export interface FakeGraph {
  /** https://localhost:PORT: Graph under /v1.0 and /beta, and the token authority under /{tenant}. */
  url: string;
  /** URL of the notification-signing OpenID configuration (jwks_uri inside it). */
  openIdConfigUrl: string;
  simulator: CallSimulator;
  /** How many client-credentials token requests were made. */
  tokenRequests(): number;
  /** Every Graph API request received, in order. */
  graphRequests: GraphRequestRecord[];
  /** Every notification POST to the callback and how it was answered, in order. */
  deliveries: NotificationDelivery[];
  /** Resolves once every notification due by now has been delivered or dropped. */
  settled(): Promise<void>;
  /** Sign a notification token as Graph would; overrides let tests forge bad ones. */
  signNotificationToken(overrides?: NotificationTokenOverrides): Promise<string>;
  /** Make the next N Graph API answers a given status (for 429 with Retry-After, 503). */
  failNext(count: number, status: number, headers?: Record<string, string>): void;
  close(): Promise<void>;
}

const NOTIFY_OPENID_PATH = '/botframework/v1/.well-known/OpenIdConfiguration';
const NOTIFY_JWKS_PATH = '/botframework/v1/keys';
const GRAPH_PATH = /^\/(?:v1\.0|beta)(?:\/|$)/;

const FAILURE_CODES: Record<number, string> = {
  429: 'TooManyRequests',
  500: 'InternalServerError',
  502: 'BadGateway',
  503: 'ServiceUnavailable',
  504: 'GatewayTimeout',
};

export async function startFakeGraph(options: FakeGraphOptions): Promise<FakeGraph> {
  const log = options.log ?? ((line: string) => console.error(`[fake-graph] ${line}`));
  const verbose = options.verbose ?? false;
  const [authority, signer] = await Promise.all([
    createTokenAuthority(options),
    createNotificationSigner(options.clientId, options.tenantId),
  ]);
  const simulator = CallSimulator.create({ seed: options.seed ?? DEFAULT_SEED, now: Date.now(), callbackUri: options.callbackUrl });
  const notifier = new Notifier({ simulator, tickMs: options.tickMs ?? 100, signToken: () => signer.sign(), log, verbose });
  const graphRequests: GraphRequestRecord[] = [];
  const failures: { status: number; headers: Record<string, string> }[] = [];
  let origin = '';

  const graphError = (status: number, code: string, message: string, headers: Record<string, string>, extra: Record<string, string> = {}): Answer => {
    const requestId = randomUUID();
    const clientRequestId = headers['client-request-id'] ?? requestId;
    const ids = { requestId, clientRequestId, date: new Date().toISOString().slice(0, 19) };
    return jsonAnswer(status, graphErrorBody(code, message, ids), { 'request-id': requestId, 'client-request-id': clientRequestId, ...extra });
  };

  const answerGraph = (req: IncomingMessage, pathname: string, headers: Record<string, string>, body: string): Answer => {
    const method = req.method ?? 'GET';
    graphRequests.push({ method, path: req.url ?? pathname, headers });
    notifier.pump();
    const refusal = authority.rejectAccessToken(headers.authorization);
    if (refusal) {
      return graphError(401, 'InvalidAuthenticationToken', refusal, headers, { 'www-authenticate': 'Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize"' });
    }
    const failure = failures.shift();
    if (failure) {
      return graphError(failure.status, FAILURE_CODES[failure.status] ?? 'UnknownError', STATUS_TEXT[failure.status] ?? 'Injected failure.', headers, failure.headers);
    }
    let path: string;
    try {
      path = decodeURIComponent(pathname);
    } catch {
      return graphError(400, 'BadRequest', 'The request URI is not valid.', headers);
    }
    const answer = handleGraphRequest(simulator, { method, path, headers, body }, { baseUrl: origin });
    // A cancel's notifications go out now rather than on the next tick.
    notifier.pump();
    return answer;
  };

  const route = async (req: IncomingMessage): Promise<Answer> => {
    const headers = flatHeaders(req.headers);
    const { pathname } = new URL(req.url ?? '/', origin);
    let body: string;
    try {
      body = await readBody(req, MAX_GRAPH_BODY_BYTES);
    } catch (error) {
      if (error instanceof BodyTooLargeError) return answerBodyTooLarge(simulator, headers);
      throw error;
    }
    if (GRAPH_PATH.test(pathname)) {
      const answer = answerGraph(req, pathname, headers, body);
      if (verbose) log(`${req.method ?? ''} ${req.url ?? ''} → ${answer.status}`);
      return answer;
    }
    if (pathname === NOTIFY_OPENID_PATH) return jsonAnswer(200, signer.openIdConfiguration(`${origin}${NOTIFY_JWKS_PATH}`));
    if (pathname === NOTIFY_JWKS_PATH) return jsonAnswer(200, signer.jwks());
    const answer = await authority.handle({ method: req.method ?? 'GET', path: pathname, headers, body }, origin);
    if (answer && verbose) log(`${req.method ?? ''} ${pathname} → ${answer.status}`);
    return answer ?? jsonAnswer(404, { error: 'not_found', error_description: `Nothing is served at ${pathname}.` });
  };

  const onRequest = (req: IncomingMessage, res: ServerResponse): void => {
    route(req).then(
      (answer) => sendAnswer(res, answer),
      (error: unknown) => {
        log(`${req.method ?? ''} ${req.url ?? ''} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        if (!res.headersSent) sendAnswer(res, jsonAnswer(500, { error: { code: 'InternalServerError', message: 'The fake Graph failed; see its log.' } }));
        else res.destroy();
      },
    );
  };

  const server = createServer({ key: options.tls.key, cert: options.tls.cert }, onRequest);
  // Loopback only. Node's clients try every address of `localhost` (autoSelectFamily), so IPv4 is enough.
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  origin = `https://localhost:${(server.address() as AddressInfo).port}`;

  return {
    url: origin,
    openIdConfigUrl: `${origin}${NOTIFY_OPENID_PATH}`,
    simulator,
    tokenRequests: () => authority.tokenRequests(),
    graphRequests,
    deliveries: notifier.deliveries,
    settled: () => notifier.settled(),
    signNotificationToken: (overrides) => signer.sign(overrides),
    failNext(count, status, headers = {}) {
      const lowerCased = Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
      for (let i = 0; i < count; i += 1) failures.push({ status, headers: lowerCased });
    },
    async close() {
      await notifier.stop();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Keep-alive sockets (MSAL's and the proxy's fetch pools) would hold close() open.
        server.closeAllConnections();
      });
    },
  };
}

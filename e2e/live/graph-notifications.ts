/**
 * Graph's side of a notification, played by a spec that runs its own console: a signer whose OpenID
 * configuration and keys are served on a free loopback port (NOTIFY_OPENID_CONFIG_URL), signing for
 * the fake Graph's app registration, and the body of a prompt that completed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rawRequest } from '../../server/test-support/http-client';
import { freePort, spawnServer } from '../../server/test-support/server-process';
import { createNotificationSigner, type NotificationSigner } from '../fake-graph/notification-signer';
import { FAKE_CLIENT_ID, FAKE_CLIENT_SECRET, FAKE_GRAPH_CERT_FILE, FAKE_GRAPH_URL, FAKE_TENANT_ID } from './harness';

export interface GraphNotifications {
  signer: NotificationSigner;
  openIdConfigUrl: string;
  close(): Promise<void>;
}

export async function startGraphNotifications(): Promise<GraphNotifications> {
  const signer = await createNotificationSigner(FAKE_CLIENT_ID, FAKE_TENANT_ID);
  const keyServer = createServer((req, res) => {
    const { port } = keyServer.address() as AddressInfo;
    const body = req.url === '/openid' ? signer.openIdConfiguration(`http://127.0.0.1:${port}/keys`) : req.url === '/keys' ? signer.jwks() : undefined;
    res.writeHead(body ? 200 : 404, { 'content-type': 'application/json' });
    res.end(body ? JSON.stringify(body) : '');
  });
  await new Promise<void>((resolve) => keyServer.listen(0, '127.0.0.1', resolve));
  const { port } = keyServer.address() as AddressInfo;
  return {
    signer,
    openIdConfigUrl: `http://127.0.0.1:${port}/openid`,
    close: () =>
      new Promise<void>((resolve) => {
        keyServer.closeAllConnections();
        keyServer.close(() => resolve());
      }),
  };
}

export interface OwnConsole {
  port: number;
  /** Stops the process and deletes its data folder. */
  stop(): Promise<void>;
}

/**
 * A live console of the spec's own (its port, its data folder) that trusts this Graph's
 * notifications, acts as the harness's app registration and sends its look-ups to the harness's
 * fake Graph, never out; `env` adds what the spec is about (FORWARD_TO, REDIS_URL...).
 */
export async function startOwnConsole(graph: GraphNotifications, env: Record<string, string>): Promise<OwnConsole> {
  const dataDir = mkdtempSync(join(tmpdir(), 'comms-console-e2e-own-'));
  const server = await spawnServer({
    readyTimeoutMs: 120_000,
    env: {
      HOST: '127.0.0.1',
      PORT: String(await freePort()),
      DATA_DIR: dataDir,
      GRAPH_TENANT_ID: FAKE_TENANT_ID,
      GRAPH_CLIENT_ID: FAKE_CLIENT_ID,
      GRAPH_CLIENT_SECRET: FAKE_CLIENT_SECRET,
      GRAPH_BASE_URL: FAKE_GRAPH_URL,
      GRAPH_AUTHORITY_HOST: FAKE_GRAPH_URL,
      NODE_EXTRA_CA_CERTS: FAKE_GRAPH_CERT_FILE,
      NOTIFY_OPENID_CONFIG_URL: graph.openIdConfigUrl,
      ...env,
    },
  });
  return {
    port: server.port,
    stop: async () => {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** POSTs a notification body to a console's callback URL as Graph does, with `token` (a signed Graph token): its answer. */
export function postAsGraph(port: number, body: unknown, token: string) {
  return rawRequest(port, {
    method: 'POST',
    path: '/api/calls',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
}

/** A commsNotifications body: the prompt started with `clientContext` completed. */
export const promptCompleted = (callId: string, operationId: string, clientContext: string) => ({
  value: [
    {
      '@odata.type': '#microsoft.graph.commsNotification',
      changeType: 'deleted',
      resourceUrl: `/communications/calls/${callId}/operations/${operationId}`,
      resourceData: { '@odata.type': '#microsoft.graph.playPromptOperation', id: operationId, clientContext, status: 'completed' },
    },
  ],
});

/** A spec file's own console with no settings of its own, and its Graph: started before the file's tests, stopped after. */
export interface SpecConsole {
  readonly port: number;
  /** POSTs a notification body as Graph does, signed: the console's answer. */
  post(body: unknown): ReturnType<typeof postAsGraph>;
}

export function ownConsoleForSpec(test: { beforeAll(run: () => Promise<void>): void; afterAll(run: () => Promise<void>): void }): SpecConsole {
  let graph: GraphNotifications | undefined;
  let own: OwnConsole | undefined;
  let token = '';
  const started = () => {
    if (!own) throw new Error('the spec console is used before its beforeAll ran');
    return own;
  };
  test.beforeAll(async () => {
    graph = await startGraphNotifications();
    own = await startOwnConsole(graph, {});
    token = await graph.signer.sign();
  });
  test.afterAll(async () => {
    await own?.stop();
    await graph?.close();
  });
  return {
    get port() {
      return started().port;
    },
    post: (body) => postAsGraph(started().port, body, token),
  };
}

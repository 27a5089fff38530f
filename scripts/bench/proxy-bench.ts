/**
 * Proxy figures: a v1.0 cancelMediaProcessing sent straight to the fake
 * Graph (TLS, a token from its token endpoint) against the same cancel sent
 * through the console's /graph (a child process: real MSAL, real proxy), one
 * at a time over keep-alive connections, alternating, so both see the same
 * machine at the same moments. The added latency is the proxy's cost.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeTestCertificate } from '../../e2e/fake-graph/certificate';
import { startFakeGraph } from '../../e2e/fake-graph/fake-graph';
import { throwawaySecret } from '../../e2e/fake-graph/throwaway-secret';
import { freePort, spawnServer } from '../../server/test-support/server-process';
import { BENCH_CLIENT_ID, BENCH_TENANT_ID } from './notification-issuer';
import { profilingArgs } from './profiling';
import { compareInTurns, type Summary } from './stats';

export interface ProxyFigures {
  direct: Summary;
  proxied: Summary;
}

const CONSOLE_ENTRY = fileURLToPath(new URL('./console-entry.ts', import.meta.url));
const CLIENT_SECRET = throwawaySecret();
const WARM_UP = 100;
const MEASURED = 1_000;

interface Target {
  send(path: string, headers: Record<string, string>, body: string): Promise<number>;
}

function target(agent: HttpAgent | HttpsAgent, send: typeof httpRequest | typeof httpsRequest, port: number, host: string): Target {
  return {
    send: (path, headers, body) =>
      new Promise((resolve, reject) => {
        const req = send({ host: '127.0.0.1', servername: 'localhost', port, path, method: 'POST', agent, headers: { host, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers } }, (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        });
        req.on('error', reject);
        req.end(body);
      }),
  };
}

async function appToken(graphUrl: string, ca: string): Promise<string> {
  const url = new URL(`/${BENCH_TENANT_ID}/oauth2/v2.0/token`, graphUrl);
  const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: BENCH_CLIENT_ID, client_secret: CLIENT_SECRET, scope: 'https://graph.microsoft.com/.default' }).toString();
  const text = await new Promise<string>((resolve, reject) => {
    const req = httpsRequest(url, { method: 'POST', ca, headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(form) } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve(body));
    });
    req.on('error', reject);
    req.end(form);
  });
  const token = (JSON.parse(text) as { access_token?: unknown }).access_token;
  if (typeof token !== 'string') throw new Error(`the fake Graph gave no token: ${text.slice(0, 200)}`);
  return token;
}

async function timed(send: () => Promise<number>): Promise<number> {
  const started = performance.now();
  const status = await send();
  if (status !== 200) throw new Error(`a cancel answered ${status}`);
  return performance.now() - started;
}

export async function runProxyBench(): Promise<ProxyFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'comms-console-bench-proxy-'));
  const tls = await makeTestCertificate();
  const certFile = join(dir, 'cert.pem');
  writeFileSync(certFile, tls.cert);
  const port = await freePort();
  const graph = await startFakeGraph({
    tenantId: BENCH_TENANT_ID,
    clientId: BENCH_CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    callbackUrl: `http://127.0.0.1:${port}/api/calls`,
    tls,
    log: () => undefined,
  });
  const server = await spawnServer({
    entry: CONSOLE_ENTRY,
    keepOutput: false,
    ...profilingArgs(),
    env: {
      HOST: '127.0.0.1',
      PORT: String(port),
      DATA_DIR: join(dir, 'data'),
      GRAPH_TENANT_ID: BENCH_TENANT_ID,
      GRAPH_CLIENT_ID: BENCH_CLIENT_ID,
      GRAPH_CLIENT_SECRET: CLIENT_SECRET,
      GRAPH_BASE_URL: graph.url,
      GRAPH_AUTHORITY_HOST: graph.url,
      NOTIFY_OPENID_CONFIG_URL: graph.openIdConfigUrl,
      // Node reads this only at start: the console trusts the fake Graph's certificate made just now.
      NODE_EXTRA_CA_CERTS: certFile,
    },
  });
  const httpsAgent = new HttpsAgent({ keepAlive: true, maxSockets: 1, ca: tls.cert });
  const httpAgent = new HttpAgent({ keepAlive: true, maxSockets: 1 });
  try {
    const callId = graph.simulator.knownCalls()[0]?.id ?? '';
    const path = `/v1.0/communications/calls/${callId}/cancelMediaProcessing`;
    const body = JSON.stringify({ clientContext: 'bench' });
    const graphPort = Number(new URL(graph.url).port);
    const direct = target(httpsAgent, httpsRequest, graphPort, `localhost:${graphPort}`);
    const proxy = target(httpAgent, httpRequest, port, `127.0.0.1:${port}`);
    const authorization = `Bearer ${await appToken(graph.url, tls.cert)}`;
    const viaGraph = () => direct.send(path, { authorization }, body);
    const viaConsole = () => proxy.send(`/graph${path}`, {}, body);

    const [straight, proxied] = await compareInTurns(() => timed(viaGraph), () => timed(viaConsole), { warmUp: WARM_UP, measured: MEASURED });
    return { direct: straight, proxied };
  } finally {
    httpsAgent.destroy();
    httpAgent.destroy();
    await server.stop();
    await graph.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

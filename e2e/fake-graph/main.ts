/**
 * `npm run fake-graph`: a local Graph to point the console at, no tenant
 * needed. Prints the environment that starts the console against it.
 *
 * Environment: FAKE_GRAPH_PORT (default 8443), CONSOLE_CALLBACK_URL (default
 * http://127.0.0.1:5173/api/calls), FAKE_GRAPH_TENANT_ID, FAKE_GRAPH_CLIENT_ID,
 * FAKE_GRAPH_CLIENT_SECRET (default: a new one each start), FAKE_GRAPH_SEED,
 * FAKE_GRAPH_CERT_FILE (default: in the system's temp folder).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { makeTestCertificate } from './certificate';
import { startFakeGraph } from './fake-graph';
import { throwawaySecret } from './throwaway-secret';

const env = process.env;
const port = Number(env.FAKE_GRAPH_PORT ?? 8443);
const callbackUrl = env.CONSOLE_CALLBACK_URL ?? 'http://127.0.0.1:5173/api/calls';
const tenantId = env.FAKE_GRAPH_TENANT_ID ?? 'f4ce0000-0000-4000-8000-00000000a11d';
const clientId = env.FAKE_GRAPH_CLIENT_ID ?? 'f4ce0000-0000-4000-8000-0000000b0700';
// A fresh secret each start, so nothing real-looking is ever committed or reused.
const clientSecret = env.FAKE_GRAPH_CLIENT_SECRET ?? throwawaySecret();
const certFile = env.FAKE_GRAPH_CERT_FILE ?? join(tmpdir(), 'comms-console-fake-graph', 'localhost-cert.pem');
const seed = env.FAKE_GRAPH_SEED === undefined ? undefined : Number(env.FAKE_GRAPH_SEED);

if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`FAKE_GRAPH_PORT must be a port number, not '${env.FAKE_GRAPH_PORT ?? ''}'.`);
if (seed !== undefined && !Number.isInteger(seed)) fail(`FAKE_GRAPH_SEED must be a whole number, not '${env.FAKE_GRAPH_SEED ?? ''}'.`);
try {
  new URL(callbackUrl);
} catch {
  fail(`CONSOLE_CALLBACK_URL must be an absolute URL, not '${callbackUrl}'.`);
}

const tls = await makeTestCertificate();
await mkdir(dirname(certFile), { recursive: true });
await writeFile(certFile, tls.cert);

const graph = await startFakeGraph({
  port,
  tenantId,
  clientId,
  clientSecret,
  callbackUrl,
  tls,
  verbose: true,
  log: (line) => console.log(`[fake-graph] ${line}`),
  ...(seed === undefined ? {} : { seed }),
}).catch((error: unknown) => fail(`could not start on port ${port}: ${error instanceof Error ? error.message : String(error)}`));

const consoleEnv: Record<string, string> = {
  GRAPH_TENANT_ID: tenantId,
  GRAPH_CLIENT_ID: clientId,
  GRAPH_CLIENT_SECRET: clientSecret,
  GRAPH_BASE_URL: graph.url,
  GRAPH_AUTHORITY_HOST: graph.url,
  NOTIFY_OPENID_CONFIG_URL: graph.openIdConfigUrl,
  NODE_EXTRA_CA_CERTS: certFile,
};
console.log(`Fake Graph at ${graph.url}, posting notifications to ${callbackUrl}.`);
console.log(`Its certificate (new each start): ${certFile}`);
console.log('Calls:');
for (const call of graph.simulator.knownCalls()) console.log(`  ${call.id}  ${call.label ?? ''} (${call.state})`);
console.log('\nStart the console against it with this environment (NODE_EXTRA_CA_CERTS must be set when');
console.log('the console process starts; a .env file read after start is too late for it):\n');
for (const [name, value] of Object.entries(consoleEnv)) console.log(`export ${name}=${shellQuote(value)}`);
console.log('\nRestart the console whenever this restarts: the certificate, the keys and the tokens are new.');

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void graph.close().then(() => process.exit(0));
  });
}

function shellQuote(value: string): string {
  return /^[\w@%+=:,./~-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

function fail(message: string): never {
  console.error(`fake-graph: ${message}`);
  process.exit(1);
}

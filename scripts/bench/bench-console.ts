/**
 * The console as every part of the bench starts it: console-entry.ts (or
 * another entry, such as the bare relay) in its own process on a free
 * loopback port, trusting the bench's notification issuer, with the
 * profiler's flags when BENCH_PROF asks for them.
 */
import { fileURLToPath } from 'node:url';
import { freePort, spawnServer, type ServerProcess } from '../../server/test-support/server-process';
import { BENCH_CLIENT_ID, BENCH_TENANT_ID, type NotificationIssuer } from './notification-issuer';
import { profilingArgs } from './profiling';

const CONSOLE_ENTRY = fileURLToPath(new URL('./console-entry.ts', import.meta.url));

export async function spawnBenchConsole(issuer: NotificationIssuer, options: { dataDir: string; env?: Record<string, string>; entry?: string }): Promise<ServerProcess> {
  return spawnServer({
    entry: options.entry ?? CONSOLE_ENTRY,
    keepOutput: false,
    // A busy shared machine can take long to start a TypeScript process; slowness is not the bench's failure.
    readyTimeoutMs: 120_000,
    ...profilingArgs(),
    env: {
      HOST: '127.0.0.1',
      PORT: String(await freePort()),
      DATA_DIR: options.dataDir,
      GRAPH_TENANT_ID: BENCH_TENANT_ID,
      GRAPH_CLIENT_ID: BENCH_CLIENT_ID,
      NOTIFY_OPENID_CONFIG_URL: issuer.openIdConfigUrl,
      ...options.env,
    },
  });
}

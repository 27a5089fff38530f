/**
 * The console as the bench runs it, in its own process: the real server
 * (startServer, configured from the environment like main.ts), or with
 * BENCH_BASELINE=1 the same server with the notification verifier and the
 * store swapped out — the same POST → relay broadcast path with no JWT
 * verification and no storage, to compare the real path against.
 */
import { startServer } from '../../server/app';
import { configFromEnvironment } from '../../server/config';
import type { NotificationTokenVerifier } from '../../server/notification-token';
import { createDiscardingStore } from './discarding-store';

const acceptEveryToken: NotificationTokenVerifier = {
  verify: () => Promise.resolve({ verified: true, tenantId: 'bench-baseline', issuer: 'bench-baseline' }),
};

const baseline = process.env.BENCH_BASELINE === '1';
const config = configFromEnvironment(process.env);
const server = await startServer(config, baseline ? { store: createDiscardingStore(config.dataDir), notificationVerifier: acceptEveryToken } : {});
// server-process.ts waits for this line, as it does for main.ts.
console.log(`Comms Console: ${server.url}${baseline ? ' (bench baseline: no verification, no storage)' : ''}`);
process.once('SIGTERM', () => {
  void server.close().then(() => process.exit(0));
});

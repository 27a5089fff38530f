import { startNotificationIssuer } from './notification-issuer';
import { runRelayBench } from './relay-bench';
const issuer = await startNotificationIssuer();
for (const n of [1, 10, 100]) for (const v of ['baseline', 'full'] as const) {
  const r = await runRelayBench(v, n, issuer);
  console.log(v, n, Math.round(r.throughput), r.latency, Math.round(r.offeredRate), r.undelivered, r.failedPosts);
}
await issuer.close();

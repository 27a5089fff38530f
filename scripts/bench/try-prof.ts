import { startNotificationIssuer } from './notification-issuer';
import { runRelayBench } from './relay-bench';
const issuer = await startNotificationIssuer();
const r = await runRelayBench('full', 1, issuer);
console.log(Math.round(r.throughput), r.latency);
await issuer.close();

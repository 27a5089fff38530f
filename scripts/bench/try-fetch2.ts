import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { readFileSync, writeFileSync } from 'node:fs';
import { makeTestCertificate } from '../../e2e/fake-graph/certificate';
import { startFakeGraph } from '../../e2e/fake-graph/fake-graph';
import { summarize } from './stats';
let tls: { key: string; cert: string };
if (process.env.NODE_EXTRA_CA_CERTS?.startsWith('/tmp/ff-')) { tls = { cert: readFileSync('/tmp/ff-cert.pem', 'utf8'), key: readFileSync('/tmp/ff-key.pem', 'utf8') }; }
else { tls = await makeTestCertificate(); writeFileSync('/tmp/ff-cert.pem', tls.cert); writeFileSync('/tmp/ff-key.pem', tls.key); console.log('rerun with NODE_EXTRA_CA_CERTS=/tmp/ff-cert.pem'); process.exit(0); }
const graph = await startFakeGraph({ tenantId: 't', clientId: 'c', clientSecret: 's', callbackUrl: 'http://127.0.0.1:9/x', tls, log: () => undefined });
const u = new URL(`${graph.url}/v1.0/me`);
const agent = new HttpsAgent({ keepAlive: true, maxSockets: 1 });
const viaHttps = () => new Promise<void>((resolve) => { const q = httpsRequest({ host: '127.0.0.1', servername: 'localhost', port: Number(u.port), path: u.pathname, method: 'GET', agent, headers: { host: u.host, authorization: 'Bearer x' } }, (r) => { r.resume(); r.on('end', resolve); }); q.end(); });
const viaFetch = async () => { const r = await fetch(u, { headers: { authorization: 'Bearer x' }, signal: AbortSignal.timeout(5000) }); await r.arrayBuffer(); };
for (const [name, f] of [['https', viaHttps], ['fetch', viaFetch], ['https', viaHttps], ['fetch', viaFetch]] as const) {
  const t: number[] = []; for (let i = 0; i < 1000; i++) { const a = performance.now(); await f(); t.push(performance.now() - a); }
  console.log(name, summarize(t).p50.toFixed(3));
}
agent.destroy(); await graph.close();

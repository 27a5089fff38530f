import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { makeTestCertificate } from '../../e2e/fake-graph/certificate';
import { startFakeGraph } from '../../e2e/fake-graph/fake-graph';
import { summarize } from './stats';
const tls = await makeTestCertificate();
const graph = await startFakeGraph({ tenantId: 't', clientId: 'c', clientSecret: 's', callbackUrl: 'http://127.0.0.1:9/x', tls, log: () => undefined });
const url = `${graph.url}/v1.0/communications/calls/x`;
// fetch needs to trust the cert: only NODE_EXTRA_CA_CERTS works for fetch; so compare on an http echo instead
import { createServer } from 'node:http';
const s = createServer((req, res) => { req.resume(); req.on('end', () => { res.writeHead(200, { 'content-type': 'application/json' }); res.end('{"ok":true}'); }); });
await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
const port = (s.address() as { port: number }).port;
import { Agent, request } from 'node:http';
const agent = new Agent({ keepAlive: true, maxSockets: 1 });
const viaHttp = () => new Promise<void>((resolve) => { const q = request({ host: '127.0.0.1', port, path: '/', method: 'POST', agent, headers: { 'content-length': 2 } }, (r) => { r.resume(); r.on('end', resolve); }); q.end('{}'); });
const viaFetch = async () => { const r = await fetch(`http://127.0.0.1:${port}/`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' }, signal: AbortSignal.timeout(5000) }); await r.arrayBuffer(); };
for (const [name, f] of [['http', viaHttp], ['fetch', viaFetch], ['http', viaHttp], ['fetch', viaFetch]] as const) {
  const t: number[] = []; for (let i = 0; i < 1000; i++) { const a = performance.now(); await f(); t.push(performance.now() - a); }
  console.log(name, summarize(t));
}
void url; void HttpsAgent; void httpsRequest;
s.close(); agent.destroy(); await graph.close();

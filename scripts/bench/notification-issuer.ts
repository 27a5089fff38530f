/**
 * Graph's notification signing for the bench: the fake Graph's signer, with
 * its OpenID configuration and JWKS served over plain http on 127.0.0.1
 * (the console's verifier accepts http), and no call simulator around it, so
 * nothing but the bench's own notifications reaches the console.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createNotificationSigner } from '../../e2e/fake-graph/notification-signer';

export const BENCH_TENANT_ID = 'be9c0000-0000-4000-8000-00000000a11d';
export const BENCH_CLIENT_ID = 'be9c0000-0000-4000-8000-0000000b0700';

export interface NotificationIssuer {
  openIdConfigUrl: string;
  sign(): Promise<string>;
  close(): Promise<void>;
}

export async function startNotificationIssuer(): Promise<NotificationIssuer> {
  const signer = await createNotificationSigner(BENCH_CLIENT_ID, BENCH_TENANT_ID);
  const server = createServer((req, res) => {
    const { port } = server.address() as AddressInfo;
    const body = req.url === '/openid' ? signer.openIdConfiguration(`http://127.0.0.1:${port}/keys`) : req.url === '/keys' ? signer.jwks() : undefined;
    res.writeHead(body ? 200 : 404, { 'content-type': 'application/json' });
    res.end(body ? JSON.stringify(body) : '');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    openIdConfigUrl: `http://127.0.0.1:${port}/openid`,
    sign: () => signer.sign(),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

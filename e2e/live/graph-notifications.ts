/**
 * Graph's side of a notification, played by a spec that runs its own console: a signer whose OpenID
 * configuration and keys are served on a free loopback port (NOTIFY_OPENID_CONFIG_URL), signing for
 * the fake Graph's app registration, and the body of a prompt that completed.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createNotificationSigner, type NotificationSigner } from '../fake-graph/notification-signer';
import { FAKE_CLIENT_ID, FAKE_TENANT_ID } from './harness';

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

/**
 * Notification POSTs for the bench, over keep-alive connections (as Graph's
 * senders reuse theirs): one call per notification, resolving with the
 * status, never throwing (a failed POST is a figure, not a crash).
 */
import { Agent, request } from 'node:http';

export interface Poster {
  post(path: string, headers: Record<string, string>, body: string): Promise<number>;
  close(): void;
}

export function createPoster(port: number, connections: number): Poster {
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  return {
    post(path, headers, body) {
      const send = (again: boolean) =>
        new Promise<number>((resolve) => {
          const req = request(
            { host: '127.0.0.1', port, method: 'POST', path, agent, headers: { host: `127.0.0.1:${port}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers } },
            (res) => {
              res.resume();
              res.on('end', () => resolve(res.statusCode ?? 0));
              res.on('error', () => resolve(0));
            },
          );
          req.on('error', (error: NodeJS.ErrnoException) => {
            // A kept-alive connection the server closed as it idled, reset before any answer: sent once more on a
            // new one, as Graph's senders do (and Node's http docs advise). Any other failure is the figure.
            if (again && req.reusedSocket && error.code === 'ECONNRESET') resolve(send(false));
            else resolve(0);
          });
          req.end(body);
        });
      return send(true);
    },
    close: () => agent.destroy(),
  };
}

/** A commsNotifications body whose clientContext (`b<id>`) lets a relay client tell which notification arrived. */
export function benchNotification(id: number, changeType: 'created' | 'deleted' = 'deleted', operation = id): string {
  const call = `be9c0000-0000-4000-8000-${String(operation % 20).padStart(12, '0')}`;
  return JSON.stringify({
    value: [
      {
        '@odata.type': '#microsoft.graph.commsNotification',
        changeType,
        resourceUrl: `/communications/calls/${call}/operations/be9c0000-0000-4000-9000-${String(operation).padStart(12, '0')}`,
        resourceData: {
          '@odata.type': '#microsoft.graph.playPromptOperation',
          id: `be9c0000-0000-4000-9000-${String(operation).padStart(12, '0')}`,
          clientContext: `b${id}`,
          status: changeType === 'created' ? 'running' : 'completed',
          ...(changeType === 'deleted' ? { resultInfo: { code: 200, subcode: 0, message: 'Action completed.' } } : {}),
        },
      },
    ],
  });
}

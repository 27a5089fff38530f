/**
 * N relay clients standing in for N browsers, in the bench's process. Each
 * finds a notification's bench id (its `"clientContext":"b<id>"`) in the raw
 * frame without parsing the JSON, so 100 clients cost the bench little and
 * the figures are the server's, not the clients'.
 */
import { WebSocket } from 'ws';

const MARKER = Buffer.from('"clientContext":"b');

/** The bench id in a relay frame, or -1. */
function benchIdOf(frame: Buffer): number {
  const at = frame.indexOf(MARKER);
  if (at === -1) return -1;
  let id = 0;
  for (let i = at + MARKER.length; i < frame.length; i += 1) {
    const digit = (frame[i] ?? 0) - 48;
    if (digit < 0 || digit > 9) return id;
    id = id * 10 + digit;
  }
  return -1;
}

export interface RelayClients {
  closed(): number;
  close(): Promise<void>;
}

export async function connectRelayClients(port: number, count: number, onArrival: (id: number, at: number) => void): Promise<RelayClients> {
  const sockets = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<WebSocket>((resolve, reject) => {
          const socket = new WebSocket(`ws://127.0.0.1:${port}/relay?since=0`, { perMessageDeflate: false });
          socket.once('message', () => {
            // The hello; from now on every frame is a notification.
            socket.on('message', (frame: Buffer) => onArrival(benchIdOf(frame), performance.now()));
            resolve(socket);
          });
          socket.once('error', reject);
        }),
    ),
  );
  let closed = 0;
  for (const socket of sockets) socket.once('close', () => (closed += 1));
  return {
    closed: () => closed,
    async close() {
      await Promise.all(
        sockets.map(
          (socket) =>
            new Promise<void>((resolve) => {
              if (socket.readyState === WebSocket.CLOSED) return resolve();
              socket.once('close', () => resolve());
              socket.terminate();
            }),
        ),
      );
    },
  };
}

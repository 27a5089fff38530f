/**
 * A relay client that only watches: it keeps every notification as the
 * canonical JSON of its body (what a browser would get), so a fuzz test can
 * compare what was relayed with what it expected to be accepted.
 */
import { WebSocket } from 'ws';

export interface ObservedNotification {
  seq: number;
  verified: boolean;
  source: string;
  /** JSON.stringify of the relayed body. */
  body: string;
}

export interface RelayObserver {
  notifications: ObservedNotification[];
  /** Messages that were not JSON or not a notification/hello: the relay must never send such. */
  malformed: string[];
  waitForCount(count: number, timeoutMs: number): Promise<void>;
  close(): Promise<void>;
}

export async function observeRelay(port: number): Promise<RelayObserver> {
  const socket = new WebSocket(`ws://127.0.0.1:${port}/relay?since=0`, { perMessageDeflate: false });
  const notifications: ObservedNotification[] = [];
  const malformed: string[] = [];
  socket.on('message', (data: Buffer) => {
    const text = data.toString('utf8');
    let message: unknown;
    try {
      message = JSON.parse(text);
    } catch {
      malformed.push(text.slice(0, 200));
      return;
    }
    const record = message as { type?: unknown; seq?: unknown; verified?: unknown; source?: unknown; body?: unknown };
    if (record.type === 'hello') return;
    if (record.type !== 'notification' || typeof record.seq !== 'number' || typeof record.verified !== 'boolean' || typeof record.source !== 'string') {
      malformed.push(text.slice(0, 200));
      return;
    }
    notifications.push({ seq: record.seq, verified: record.verified, source: record.source, body: JSON.stringify(record.body) });
  });
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  return {
    notifications,
    malformed,
    async waitForCount(count, timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      while (notifications.length < count && Date.now() < deadline && socket.readyState === WebSocket.OPEN) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    async close() {
      if (socket.readyState !== WebSocket.CLOSED) socket.close();
      await closed;
    },
  };
}

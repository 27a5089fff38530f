/** A relay websocket client for tests: collects every message and waits for what a test expects. */
import { WebSocket } from 'ws';
import { relayMessageSchema, type RelayMessage, type RelayNotification } from '../../src/graph/schemas';

export interface RelayTestClient {
  socket: WebSocket;
  messages: RelayMessage[];
  notifications(): RelayNotification[];
  /** Resolves when at least `count` notifications have arrived. */
  waitForNotifications(count: number, timeoutMs?: number): Promise<RelayNotification[]>;
  closed: Promise<{ code: number; reason: string }>;
  close(): Promise<void>;
}

export function connectRelay(port: number, since?: number, options: { headers?: Record<string, string>; autoPong?: boolean } = {}): Promise<RelayTestClient> {
  const query = since === undefined ? '' : `?since=${since}`;
  const socket = new WebSocket(`ws://127.0.0.1:${port}/relay${query}`, {
    headers: options.headers,
    autoPong: options.autoPong ?? true,
  });
  const messages: RelayMessage[] = [];
  const waiters = new Set<() => void>();
  socket.on('message', (data: Buffer) => {
    messages.push(relayMessageSchema.parse(JSON.parse(data.toString('utf8'))));
    for (const wake of waiters) wake();
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    socket.on('close', (code, reason) => resolve({ code, reason: reason.toString('utf8') }));
  });
  const notifications = () => messages.filter((message): message is RelayNotification => message.type === 'notification');

  const client: RelayTestClient = {
    socket,
    messages,
    notifications,
    closed,
    waitForNotifications(count, timeoutMs = 5_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (notifications().length >= count) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve(notifications());
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`expected ${count} notifications, got ${notifications().length}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    async close() {
      if (socket.readyState === WebSocket.CLOSED) return;
      socket.close();
      await closed;
    },
  };

  return new Promise((resolve, reject) => {
    socket.once('open', () => {
      // The hello arrives right after the handshake; a test starts once it has it.
      const waitHello = () => (messages.length > 0 ? resolve(client) : setTimeout(waitHello, 5));
      waitHello();
    });
    socket.once('unexpected-response', (_req, res) => reject(new Error(`relay refused: ${res.statusCode ?? '?'}`)));
    socket.once('error', reject);
  });
}

/** Gives the server time to deliver anything it (wrongly) would: for "received nothing" assertions. */
export const settle = (ms = 150) => new Promise((resolve) => setTimeout(resolve, ms));

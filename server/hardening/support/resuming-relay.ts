/**
 * A relay client that behaves like the browser's (src/features/relay/
 * relayClient.ts): when the connection drops it reconnects with
 * `since=<last seq received>`, again and again until stopped. It records
 * every notification and flags any duplicate or gap the moment it arrives.
 */
import { WebSocket } from 'ws';

export interface ResumingRelay {
  /** Seqs in the order received. */
  seqs: number[];
  /** seq → the body as received (JSON text). */
  bodies: Map<number, string>;
  duplicates: number[];
  gaps: { after: number; got: number }[];
  /** How many times a connection opened. */
  connections(): number;
  lastSeq(): number;
  /** Resolves once `seq` has arrived; rejects after the timeout. */
  waitForSeq(seq: number, timeoutMs: number): Promise<void>;
  stop(): Promise<void>;
}

const RECONNECT_DELAY_MS = 50;

export function startResumingRelay(port: number): ResumingRelay {
  const seqs: number[] = [];
  const bodies = new Map<number, string>();
  const duplicates: number[] = [];
  const gaps: { after: number; got: number }[] = [];
  let last = 0;
  let opened = 0;
  let stopped = false;
  let socket: WebSocket | undefined;
  let timer: NodeJS.Timeout | undefined;

  const connect = () => {
    if (stopped) return;
    const current = new WebSocket(`ws://127.0.0.1:${port}/relay?since=${last}`);
    socket = current;
    current.on('open', () => {
      opened += 1;
    });
    current.on('message', (data: Buffer) => {
      const message = JSON.parse(data.toString('utf8')) as { type: string; seq?: number; body?: unknown };
      if (message.type !== 'notification' || typeof message.seq !== 'number') return;
      const { seq } = message;
      if (seq <= last) duplicates.push(seq);
      else {
        if (seq !== last + 1) gaps.push({ after: last, got: seq });
        last = seq;
        seqs.push(seq);
        bodies.set(seq, JSON.stringify(message.body));
      }
    });
    // Refused while the server is down, or dropped when it dies: try again shortly, as the browser does.
    current.on('error', () => undefined);
    current.on('close', () => {
      if (!stopped && socket === current) timer = setTimeout(connect, RECONNECT_DELAY_MS);
    });
  };
  connect();

  return {
    seqs,
    bodies,
    duplicates,
    gaps,
    connections: () => opened,
    lastSeq: () => last,
    async waitForSeq(seq, timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      while (last < seq) {
        if (Date.now() > deadline) throw new Error(`relay client reached seq ${last}, not ${seq}, within ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      const current = socket;
      if (!current || current.readyState === WebSocket.CLOSED) return;
      const closed = new Promise<void>((resolve) => current.once('close', () => resolve()));
      current.terminate();
      await closed;
    },
  };
}

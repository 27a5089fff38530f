/**
 * The /relay websocket (DESIGN.md, "Relay websocket"): `hello` with the last
 * seq, then every stored notification after `since`, in order, then live ones.
 *
 * Exactly-once and in order, without a race between replay and broadcast:
 * each client has a cursor (the last seq it was sent). Until it has caught up
 * it is fed from the store, page by page, waiting for its socket to drain;
 * broadcasts skip it meanwhile (they are in the store already). It turns live
 * in the same synchronous step that finds nothing left to read, so no
 * notification can fall between the two. A live client is sent only seq
 * cursor+1; a gap (which should not happen) sends it back to the store.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import type { RelayMessage, RelayNotification } from '../src/graph/schemas';
import type { NotificationStore } from './store';

/** 1013 "Try Again Later": the standard code for a server shedding a client it cannot serve now. */
export const SLOW_CLIENT_CLOSE_CODE = 1013;
const REPLAY_PAGE_SIZE = 200;
/** A client that does not finish the close handshake in this time is cut off. */
const CLOSE_GRACE_MS = 5_000;
/** Clients send nothing meaningful; this bounds what a client may make the server read. */
const MAX_INCOMING_MESSAGE_BYTES = 4 * 1024;

export interface Relay {
  /** Takes over an upgrade request already checked by the security policy. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer, since: number): void;
  /** Sends a notification just stored to every live client. */
  broadcast(notification: RelayNotification): void;
  /**
   * Sends a stored notification again to every connected client, marked `redelivered`.
   * It keeps its seq and moves no client's cursor: it is a copy, not a new notification.
   * Returns how many clients it went to.
   */
  redeliver(notification: RelayNotification): number;
  /** Sends news about notification `seq` (a bot's answer) to every client that has been sent it; the rest read it from the store. */
  update(seq: number, message: RelayMessage): void;
  /** Sends a message about the relay as a whole (the refused count) to every client. */
  announce(message: RelayMessage): void;
  clientCount(): number;
  close(): Promise<void>;
}

interface RelayClient {
  socket: WebSocket;
  sentUpTo: number;
  live: boolean;
  alive: boolean;
  closing: boolean;
}

/** Parses `?since=`: absent means 0 (everything); anything but a non-negative integer is refused. */
export function parseSince(query: URLSearchParams): number | undefined {
  const raw = query.get('since');
  if (raw === null || raw === '') return 0;
  if (!/^\d{1,15}$/.test(raw)) return undefined;
  return Number(raw);
}

export function createRelay(options: {
  store: NotificationStore;
  maxBufferedBytes: number;
  pingIntervalMs: number;
  log: (line: string) => void;
  /** Messages a client gets right after `hello` (the refused count). */
  greeting?: () => RelayMessage[];
}): Relay {
  const { store, maxBufferedBytes } = options;
  const server = new WebSocketServer({ noServer: true, maxPayload: MAX_INCOMING_MESSAGE_BYTES, perMessageDeflate: false });
  const clients = new Set<RelayClient>();
  // Replay waits while the socket holds more than this, well below the limit that closes it.
  const replayLowWater = Math.max(16 * 1024, Math.floor(maxBufferedBytes / 4));

  const shed = (client: RelayClient, reason: string): void => {
    if (client.closing) return;
    client.closing = true;
    clients.delete(client);
    options.log(`relay: closing a client (${reason})`);
    client.socket.close(SLOW_CLIENT_CLOSE_CODE, reason.slice(0, 120));
    setTimeout(() => client.socket.terminate(), CLOSE_GRACE_MS).unref();
  };

  /**
   * Sends one message; false if the client had to be shed for falling behind.
   * `frame`, when given, is `message` already serialised (a broadcast encodes once for every client).
   */
  const send = (client: RelayClient, message: RelayMessage, frame?: Buffer): boolean => {
    if (client.closing || client.socket.readyState !== WebSocket.OPEN) return false;
    // A text frame either way: browsers read `event.data` as a string.
    client.socket.send(frame ?? JSON.stringify(message), { binary: false });
    if (client.socket.bufferedAmount > maxBufferedBytes) {
      shed(client, `client too slow: more than ${maxBufferedBytes} bytes waiting; reconnect with since=${client.sentUpTo}`);
      return false;
    }
    return true;
  };

  const waitForDrain = async (client: RelayClient): Promise<void> => {
    while (!client.closing && client.socket.readyState === WebSocket.OPEN && client.socket.bufferedAmount > replayLowWater) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };

  /** Feeds a client from the store until nothing is left, then makes it live (see the header comment). */
  const catchUp = async (client: RelayClient): Promise<void> => {
    client.live = false;
    for (;;) {
      if (client.closing || client.socket.readyState !== WebSocket.OPEN) return;
      const page = store.listAfter(client.sentUpTo, REPLAY_PAGE_SIZE);
      if (page.length === 0) {
        client.live = true;
        return;
      }
      for (const notification of page) {
        // The cursor is the last seq *sent*: when a send sheds the client, the reason names where to resume.
        client.sentUpTo = notification.seq;
        if (!send(client, notification)) return;
      }
      await waitForDrain(client);
    }
  };

  const startCatchUp = (client: RelayClient): void => {
    catchUp(client).catch((error: unknown) => {
      options.log(`relay: replay failed (${error instanceof Error ? error.message : String(error)})`);
      client.socket.terminate();
    });
  };

  const heartbeat = setInterval(() => {
    for (const client of clients) {
      if (!client.alive) {
        clients.delete(client);
        client.socket.terminate();
        continue;
      }
      client.alive = false;
      client.socket.ping();
    }
  }, options.pingIntervalMs);
  heartbeat.unref();

  return {
    handleUpgrade(req, socket, head, since) {
      server.handleUpgrade(req, socket, head, (ws) => {
        const client: RelayClient = { socket: ws, sentUpTo: since, live: false, alive: true, closing: false };
        clients.add(client);
        ws.on('pong', () => {
          client.alive = true;
        });
        ws.on('close', () => clients.delete(client));
        ws.on('error', () => {
          clients.delete(client);
          ws.terminate();
        });
        // Clients have nothing to say; their messages are read (so pings flow) and ignored.
        ws.on('message', () => undefined);
        if (!send(client, { type: 'hello', lastSeq: store.lastSeq() })) return;
        for (const message of options.greeting?.() ?? []) if (!send(client, message)) return;
        startCatchUp(client);
      });
    },

    broadcast(notification) {
      // Serialised and encoded once, not once per client: with 100 clients that was most of a broadcast (npm run bench).
      let frame: Buffer | undefined;
      for (const client of clients) {
        if (!client.live || notification.seq <= client.sentUpTo) continue;
        if (notification.seq !== client.sentUpTo + 1) {
          startCatchUp(client);
          continue;
        }
        client.sentUpTo = notification.seq;
        frame ??= Buffer.from(JSON.stringify(notification), 'utf8');
        send(client, notification, frame);
      }
    },

    redeliver(notification) {
      let sent = 0;
      for (const client of clients) if (send(client, { ...notification, redelivered: true })) sent += 1;
      return sent;
    },

    update(seq, message) {
      let frame: Buffer | undefined;
      for (const client of clients) {
        if (client.sentUpTo < seq) continue;
        frame ??= Buffer.from(JSON.stringify(message), 'utf8');
        send(client, message, frame);
      }
    },

    announce(message) {
      const frame = Buffer.from(JSON.stringify(message), 'utf8');
      for (const client of clients) send(client, message, frame);
    },

    clientCount: () => clients.size,

    close() {
      clearInterval(heartbeat);
      for (const client of clients) client.socket.terminate();
      clients.clear();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

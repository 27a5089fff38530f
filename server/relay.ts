/**
 * The /relay websocket (docs/architecture.md, "Relay websocket"): `hello` with the last
 * seq, then every stored notification after `since`, in order, then live ones.
 *
 * Live notifications come from following the log (console-store.ts): with a
 * shared log, those appended by other console instances too. Each client has a
 * cursor (the last seq it was sent). Until it has caught up it is fed from the
 * log, page by page, waiting for its socket to drain; the feed skips it
 * meanwhile (what it carries is in the log already). A read that finds nothing
 * left turns the client live, unless the feed carried something past the
 * client's cursor while that read was under way (the read is asynchronous),
 * in which case it reads again: so no notification can fall between the two. A live client is sent only seq
 * cursor+1; a gap (a feed that skipped, or started late) sends it back to the log. Close codes:
 * docs/architecture.md, "Relay protocol: close codes".
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import { LOG_UNREACHABLE_REASON } from '../src/graph/console';
import type { RelayMessage, RelayNotification } from '../src/graph/schemas';
import { LogUnavailableError, type LogHealth, type NotificationLog } from './console-store';

/** 1013 "Try Again Later": the standard code for a server shedding a client it cannot serve now. */
export const SLOW_CLIENT_CLOSE_CODE = 1013;
/** The same code when RELAY_MAX_CLIENTS are connected already: the reason says which case it is. */
export const RELAY_FULL_CLOSE_CODE = 1013;
const REPLAY_PAGE_SIZE = 200;
/** A client that does not finish the close handshake in this time is cut off. */
const CLOSE_GRACE_MS = 5_000;
/** Clients send nothing meaningful; this bounds what a client may make the server read. */
const MAX_INCOMING_MESSAGE_BYTES = 4 * 1024;
/** Updates held for notifications the feed has not carried yet; past this many, the oldest are dropped (a reload shows them). */
const MAX_HELD_UPDATES = 1024;

interface RelayClient {
  socket: WebSocket;
  /** The TCP socket under it: corked while a batch of notifications is sent (see broadcast). */
  raw: Duplex;
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

export type Relay = ReturnType<typeof createRelay>;

export function createRelay(options: {
  store: NotificationLog;
  maxBufferedBytes: number;
  pingIntervalMs: number;
  /** More clients than this are closed at once with RELAY_FULL_CLOSE_CODE: each may hold up to maxBufferedBytes. */
  maxClients: number;
  log: (line: string) => void;
  /** Messages a client gets right after `hello` (the refused count). */
  greeting?: () => RelayMessage[];
}) {
  const { store, maxBufferedBytes } = options;
  /** The highest seq the feed has carried: a catch-up that ends below it must read again. */
  let fedUpTo = 0;
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

  /** Sends `message` to every client `to` picks, serialised once; returns how many it went to. */
  const sendToAll = (message: RelayMessage, to: (client: RelayClient) => boolean = () => true): number => {
    const frame = Buffer.from(JSON.stringify(message), 'utf8');
    let sent = 0;
    for (const client of clients) if (to(client) && send(client, message, frame)) sent += 1;
    return sent;
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
      const fedBeforeRead = fedUpTo;
      const page = await store.listAfter(client.sentUpTo, REPLAY_PAGE_SIZE);
      if (page.length === 0) {
        // The feed carried something while the read was under way (and skipped this client): read again.
        // (Only then: what it carried before the read began, the read would have found, unless deleted since.)
        if (fedUpTo > fedBeforeRead && fedUpTo > client.sentUpTo) continue;
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

  const failed = (client: RelayClient, error: unknown): void => {
    if (error instanceof LogUnavailableError) return shed(client, LOG_UNREACHABLE_REASON);
    options.log(`relay: replay failed (${error instanceof Error ? error.message : String(error)})`);
    client.socket.terminate();
  };

  const startCatchUp = (client: RelayClient): void => {
    catchUp(client).catch((error: unknown) => failed(client, error));
  };

  /** Updates that came before the feed carried their notification, by seq. */
  const heldUpdates = new Map<number, RelayMessage>();

  /**
   * The store commits a turn's notifications together and the feed carries them one after another
   * in the same tick. Each client's TCP socket is corked at its first frame of the tick and uncorked
   * once the tick is over, so a batch goes out in one write per client rather than one per
   * notification per client (the writes were the largest cost left, npm run bench).
   */
  const corked = new Set<RelayClient>();
  const uncorkAll = (): void => {
    for (const client of corked) client.raw.uncork();
    corked.clear();
  };
  const cork = (client: RelayClient): void => {
    if (corked.has(client)) return;
    if (corked.size === 0) process.nextTick(uncorkAll);
    corked.add(client);
    client.raw.cork();
  };

  const broadcast = (notification: RelayNotification): void => {
    fedUpTo = Math.max(fedUpTo, notification.seq);
    const held = heldUpdates.get(notification.seq);
    heldUpdates.delete(notification.seq);
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
      cork(client);
      if (send(client, notification, frame) && held) send(client, held);
    }
  };

  const onHealth = (health: LogHealth): void => {
    if (health.reachable) return options.log('relay: the notification log is reachable again');
    options.log(`relay: the notification log is unreachable (${health.reason}); closing ${clients.size} client(s)`);
    for (const client of clients) shed(client, LOG_UNREACHABLE_REASON);
  };

  const stopFollowing = store.follow({ notification: broadcast, health: onHealth });

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
    /** Takes over an upgrade request already checked by the security policy. */
    handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer, since: number): void {
      server.handleUpgrade(req, socket, head, (ws) => {
        if (clients.size >= options.maxClients) {
          options.log(`relay: refusing a client (${options.maxClients} connected, RELAY_MAX_CLIENTS)`);
          ws.close(RELAY_FULL_CLOSE_CODE, `relay full: ${options.maxClients} clients connected (RELAY_MAX_CLIENTS); close a tab or try again later`);
          setTimeout(() => ws.terminate(), CLOSE_GRACE_MS).unref();
          return;
        }
        const client: RelayClient = { socket: ws, raw: socket, sentUpTo: since, live: false, alive: true, closing: false };
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
        store.lastSeq().then(
          (lastSeq) => {
            if (!send(client, { type: 'hello', lastSeq })) return;
            for (const message of options.greeting?.() ?? []) if (!send(client, message)) return;
            startCatchUp(client);
          },
          (error: unknown) => failed(client, error),
        );
      });
    },

    /**
     * Sends a stored notification again to every connected client, marked `redelivered`.
     * It keeps its seq and moves no client's cursor: it is a copy, not a new notification.
     * Returns how many clients it went to.
     */
    redeliver: (notification: RelayNotification) => sendToAll({ ...notification, redelivered: true }),

    /**
     * Sends news about notification `seq` (a bot's answer) to every client that has been sent it; the rest
     * read it with the notification from the log, or, when the feed has not carried `seq` yet (a shared
     * log is followed asynchronously), get it right after the feed's copy.
     */
    update(seq: number, message: RelayMessage): void {
      if (seq > fedUpTo) {
        heldUpdates.set(seq, message);
        const oldest = heldUpdates.keys().next();
        if (heldUpdates.size > MAX_HELD_UPDATES && !oldest.done) heldUpdates.delete(oldest.value);
      }
      sendToAll(message, (client) => client.sentUpTo >= seq);
    },

    /** Sends a message about the relay as a whole (the refused count) to every client. */
    announce: (message: RelayMessage) => void sendToAll(message),

    close(): Promise<void> {
      stopFollowing();
      clearInterval(heartbeat);
      for (const client of clients) client.socket.terminate();
      clients.clear();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * The relay websocket client: the same code in both modes (msw's ws.link
 * answers it in mock mode). It resumes with `since` so a reconnect misses
 * nothing and repeats nothing.
 */
import { LOG_UNREACHABLE_REASON, RELAY_PATH } from '../../graph/console';
import { relayMessageSchema, type RelayMessage } from '../../graph/schemas';

export type RelayState = 'connected' | 'reconnecting' | 'disconnected';

export interface RelayHandlers {
  since(): number;
  onMessage(message: RelayMessage): void;
  onState(state: RelayState, detail?: string): void;
}

const FIRST_DELAY_MS = 250;
const MAX_DELAY_MS = 8_000;
/** After this many failed attempts in a row, stop and let the user decide. */
const MAX_ATTEMPTS = 30;
/**
 * "Try Again Later": the server is up but cannot serve now (its notification log is unreachable,
 * or this client fell behind). It says why in the close reason; keep trying for as long as it takes.
 */
const TRY_AGAIN_LATER = 1013;
/** What the page says while the server's notification log (Redis) is down: what happens, and what to check. */
export const LOG_UNREACHABLE_DETAIL =
  "The notification log (Redis) is unreachable. Check that the console server's Redis (REDIS_URL) is running. " +
  'Nothing is lost: Graph is answered 503 and sends its notifications again, and this page catches up by itself once Redis is back.';

export interface RelayConnection {
  close(): void;
  reconnectNow(): void;
}

export function connectRelay(handlers: RelayHandlers): RelayConnection {
  let socket: WebSocket | undefined;
  let attempts = 0;
  /** Attempts that found no server: only these count towards giving up. */
  let unanswered = 0;
  let timer: number | undefined;
  let closed = false;

  const open = () => {
    window.clearTimeout(timer);
    const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
    const current = new WebSocket(`${scheme}://${window.location.host}${RELAY_PATH}?since=${handlers.since()}`);
    socket = current;
    current.onmessage = (event: MessageEvent) => {
      const parsed = relayMessageSchema.safeParse(safeJson(String(event.data)));
      if (!parsed.success) return;
      // Connected once the server says hello: a server that cannot serve opens the socket, then closes it with 1013.
      if (parsed.data.type === 'hello') {
        attempts = 0;
        unanswered = 0;
        handlers.onState('connected');
      }
      handlers.onMessage(parsed.data);
    };
    current.onclose = (event: CloseEvent) => {
      if (closed || socket !== current) return;
      attempts += 1;
      if (event.code !== TRY_AGAIN_LATER) unanswered += 1;
      if (unanswered > MAX_ATTEMPTS) {
        handlers.onState('disconnected', 'The relay did not come back. Check that the console server is running, then reconnect.');
        return;
      }
      const reason =
        event.code === TRY_AGAIN_LATER && event.reason === LOG_UNREACHABLE_REASON
          ? LOG_UNREACHABLE_DETAIL
          : event.reason
            ? `${event.reason} (code ${event.code})`
            : `connection lost (code ${event.code})`;
      handlers.onState('reconnecting', reason);
      const delay = Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** Math.min(attempts - 1, 6));
      timer = window.setTimeout(open, delay);
    };
  };

  open();
  return {
    close() {
      closed = true;
      window.clearTimeout(timer);
      socket?.close(1000, 'page closed');
    },
    reconnectNow() {
      attempts = 0;
      unanswered = 0;
      handlers.onState('reconnecting');
      socket?.close(1000, 'reconnecting');
      open();
    },
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

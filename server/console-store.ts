/**
 * What the server keeps: the notification log, the sessions over it, and the
 * calls seen in it, behind one interface with two implementations
 * (docs/architecture.md, "One store interface, two implementations").
 */
import type { KnownCall } from '../src/graph/console';
import type { SessionStore } from '../src/api/stores';
import type { NotificationSource, RelayNotification } from '../src/graph/schemas';
import type { PagedSessionStore } from './session-store';

export interface NewNotification {
  receivedAt: string;
  verified: boolean;
  source: NotificationSource;
  /** The commsNotifications JSON exactly as received. */
  bodyText: string;
  /** The same body, parsed, to find the calls it mentions. */
  body: unknown;
}

export type LogHealth = { reachable: true } | { reachable: false; reason: string };

export interface FeedListener {
  /** Every notification appended after the listener started, by this instance or another, each once, in seq order. */
  notification(notification: RelayNotification): void;
  /** The log became unreachable, or reachable again. */
  health?(health: LogHealth): void;
}

export interface NotificationLog {
  /** Stores the notification (durably, once this resolves) and the calls it mentions; resolves with its seq. */
  append(notification: NewNotification): Promise<RelayNotification>;
  /** Stored notifications with seq > since, oldest first, at most `limit`. */
  listAfter(since: number, limit: number): Promise<RelayNotification[]>;
  /** The last seq handed out (0 before the first), even if that notification was deleted since. */
  lastSeq(): Promise<number>;
  /** A stored notification by seq (for redelivery), undefined once deleted or never stored. */
  get(seq: number): Promise<RelayNotification | undefined>;
  count(): Promise<number>;
  /** Follows the log from now on; returns the function that stops following. */
  follow(listener: FeedListener): () => void;
}

export interface ConsoleStore {
  log: NotificationLog;
  sessions: SessionStore;
  /**
   * The same sessions read a page at a time, with what retention needs (DATA_MAX_MB, DATA_MAX_DAYS).
   * Both stores have it (the contract tests hold them to it); a store without it (the bench's
   * discarding one) has its sessions read whole and nothing pruned.
   */
  paged?: PagedSessionStore & { remove: SessionStore['remove'] };
  /** The calls seen in notifications, most recently seen first. */
  knownCalls(): Promise<KnownCall[]>;
  close(): Promise<void>;
}

/** The log cannot be reached (Redis down or restarting): nothing was stored or read; the caller should retry later. */
export class LogUnavailableError extends Error {
  constructor(reason: string) {
    super(`The notification log (Redis) is unreachable: ${reason}`);
    this.name = 'LogUnavailableError';
  }
}

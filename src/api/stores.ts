/**
 * The stores the console's API answers from: SQLite on the server
 * (server/session-store.ts), IndexedDB in mock mode (src/mocks).
 */
import type { ConsoleConfig, KnownCall } from '../graph/console';
import type { PlacedEvent, Session, SessionList } from '../graph/sessions';
import type { TimelineEvent } from '../graph/timeline';

export interface NewSession {
  id: string;
  name: string;
  startedAt: string;
}

export interface SessionStore {
  list(): Promise<SessionList>;
  /** Ends the current session (if any) at the relay's last seq and opens this one after it. */
  start(session: NewSession): Promise<Session>;
  get(id: string): Promise<Session | undefined>;
  /** The session new events go to; undefined only before the first one starts. */
  current(): Promise<Session | undefined>;
  /** The session's timeline, in order (see sessionTimeline). */
  events(session: Session): Promise<TimelineEvent[]>;
  append(sessionId: string, events: readonly PlacedEvent[]): Promise<void>;
  /** Removes the session, its recorded events, its notifications and the calls only they mentioned. */
  remove(session: Session): Promise<void>;
}

/** Everything the API needs from where it runs. */
export interface ConsoleApiBackend {
  sessions: SessionStore;
  /** The calls the console knows (Graph has no "list calls"), most recently seen first. */
  knownCalls(): Promise<KnownCall[]> | KnownCall[];
  /** Sends the stored notification again on the relay, marked redelivered; undefined when none has that seq. */
  redeliver(seq: number): Promise<{ clients: number } | undefined>;
  newId(): string;
  now(): Date;
  /** GET /api/config, answered by the server only (mock mode asks the server too). */
  config?(): ConsoleConfig;
  /** POST /api/mock/reset, mock mode only: new demo calls. */
  resetMock?(): void | Promise<void>;
}

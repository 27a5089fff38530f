/**
 * Retention of the history under DATA_DIR, by DATA_MAX_DAYS and DATA_MAX_MB
 * (docs/architecture.md, "Storage: retention"). It needs only three things of
 * the session store (storedBytes, endedSessions, remove), so any store can
 * have it. What it deleted since the server started (the latest few) is kept
 * for the Sessions panel, which says so.
 */
import type { PrunedSessions, Session } from '../src/graph/sessions';
import { LogUnavailableError, type ConsoleStore } from './console-store';

type RetentionStore = Pick<NonNullable<ConsoleStore['paged']>, 'storedBytes' | 'endedSessions' | 'remove'>;

/** Sessions looked at per query: pruning goes a few at a time, however many there are. */
const BATCH = 20;
/** At most this many names are kept for the notice. */
const NOTICE_MAX_SESSIONS = 20;
const DEFAULT_CHECK_INTERVAL_MS = 5_000;
const BUSY_CHECK_INTERVAL_MS = 1_000;

export function createRetention(options: {
  store: RetentionStore;
  maxBytes: number;
  maxAgeMs: number;
  checkIntervalMs?: number;
  now?: () => number;
  log: (line: string) => void;
}) {
  const { store, maxBytes, maxAgeMs, log } = options;
  const now = options.now ?? Date.now;
  const maxMb = Math.round(maxBytes / (1024 * 1024));
  const maxDays = Math.round(maxAgeMs / (24 * 60 * 60 * 1000));
  let running: Promise<void> | undefined;
  let lastPassAt = 0;
  let full = false;
  let notice: PrunedSessions | undefined;

  const report = (removed: Session[], reason: string): void => {
    if (removed.length === 0) return;
    log(`retention: deleted ${removed.length} session(s) (${reason}): ${removed.map((session) => session.name).join(', ').slice(0, 300)}`);
    const sessions = [...(notice?.sessions ?? []), ...removed.map(({ id, name, startedAt }) => ({ id, name, startedAt }))];
    notice = { at: new Date(now()).toISOString(), reason, sessions: sessions.slice(-NOTICE_MAX_SESSIONS) };
  };

  const pruneByAge = async (): Promise<Session[]> => {
    const removed: Session[] = [];
    const cutoff = now() - maxAgeMs;
    for (;;) {
      const old = (await store.endedSessions(BATCH)).filter((session) => Date.parse(session.endedAt ?? session.startedAt) < cutoff);
      if (old.length === 0) return removed;
      for (const session of old) {
        await store.remove(session);
        removed.push(session);
      }
    }
  };

  const pruneBySize = async (): Promise<Session[]> => {
    const removed: Session[] = [];
    while ((await store.storedBytes()) > maxBytes) {
      const [oldest] = await store.endedSessions(1);
      if (!oldest) {
        full = true;
        return removed;
      }
      await store.remove(oldest);
      removed.push(oldest);
    }
    full = false;
    return removed;
  };

  const pass = async (): Promise<void> => {
    lastPassAt = now();
    report(await pruneByAge(), `ended more than ${maxDays} days ago (DATA_MAX_DAYS)`);
    report(await pruneBySize(), `the history was over ${maxMb} MB (DATA_MAX_MB); the oldest sessions went first`);
  };

  /** One pass: deletes what is too old, then what is too much. Passes never overlap. */
  const prune = (): Promise<void> => {
    running ??= pass()
      .catch((error: unknown) => {
        // Redis down: the store says so once, and the next pass tries again; a line every 5 s would add nothing.
        if (error instanceof LogUnavailableError) return;
        log(`retention: pruning failed (${error instanceof Error ? error.message : String(error)})`);
      })
      .finally(() => {
        running = undefined;
      });
    return running;
  };

  void prune();
  const timer = setInterval(() => void prune(), options.checkIntervalMs ?? DEFAULT_CHECK_INTERVAL_MS);
  timer.unref();

  return {
    /** Why a notification cannot be stored now (the current session fills the limit); undefined when it can. */
    refusal: (): string | undefined => {
      // Between timer ticks a flood of notifications could add a lot: each one also asks for a pass, at most one a second.
      if (now() - lastPassAt > BUSY_CHECK_INTERVAL_MS) void prune();
      return full
        ? `The history is full: the current session alone holds more than ${maxMb} MB (DATA_MAX_MB). Start a new session (the full one can then be deleted), or raise DATA_MAX_MB.`
        : undefined;
    },
    /** The sessions deleted since start (the latest few) and why the latest went; undefined until one has. */
    lastPruned: () => notice,
    /** Stops checking; resolves once a pass under way has finished. */
    close: async () => {
      clearInterval(timer);
      await running;
    },
  };
}

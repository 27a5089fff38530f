/**
 * With FORWARD_TO, what the bot answered each kept notification (by seq), in
 * the console's SQLite file, apart from the notification store, and Graph's
 * retries, recognised by the body's hash (docs/architecture.md, "Forwarding to
 * a bot": bot-answers.ts, Retries).
 */
import type Database from 'better-sqlite3';
import type { SessionStore } from '../src/api/stores';
import type { BotAnswer } from '../src/graph/schemas';
import type { TimelineEvent } from '../src/graph/timeline';
import type { ConsoleStore } from './console-store';
import { openDatabase } from './database';

/** Graph retries within minutes; the same bytes after this long are a new notification. */
export const RETRY_WINDOW_MS = 15 * 60 * 1000;

interface AnswerRow {
  seq: number;
  outcome: BotAnswer['outcome'] | null;
  status: number | null;
  duration_ms: number | null;
  retries: number;
}

const toAnswer = (row: AnswerRow): BotAnswer | undefined =>
  row.outcome === null ? undefined : { outcome: row.outcome, status: row.status ?? 0, ms: row.duration_ms ?? 0, retries: row.retries };

export const isSuccess = (answer: Pick<BotAnswer, 'outcome' | 'status'>): boolean => answer.outcome === 'answered' && answer.status >= 200 && answer.status < 300;

export type BotAnswerLog = ReturnType<typeof openBotAnswerLog>;

export function openBotAnswerLog(dataDir: string) {
  const db: Database.Database = openDatabase(dataDir);
  const latestForBody = db.prepare<[string], AnswerRow & { last_seen_ms: number }>(
    'SELECT seq, outcome, status, duration_ms, retries, last_seen_ms FROM bot_answers WHERE body_sha256 = ? ORDER BY seq DESC LIMIT 1',
  );
  const insert = db.prepare<[number, string, number]>('INSERT INTO bot_answers (seq, body_sha256, last_seen_ms) VALUES (?, ?, ?)');
  const retry = db.prepare<[number, number]>('UPDATE bot_answers SET retries = retries + 1, last_seen_ms = ?, outcome = NULL WHERE seq = ?');
  const update = db.prepare<[string, number, number, number]>('UPDATE bot_answers SET outcome = ?, status = ?, duration_ms = ? WHERE seq = ?');
  const select = db.prepare<[number], AnswerRow>('SELECT seq, outcome, status, duration_ms, retries FROM bot_answers WHERE seq = ?');
  const remove = db.prepare<[number, number]>('DELETE FROM bot_answers WHERE seq > ? AND seq <= ?');
  const bump = db.prepare<[]>("INSERT INTO forward_counts (name, value) VALUES ('refused', 1) ON CONFLICT (name) DO UPDATE SET value = value + 1");
  const selectRefused = db.prepare<[], { value: number }>("SELECT value FROM forward_counts WHERE name = 'refused'");

  const refused = () => selectRefused.get()?.value ?? 0;

  return {
    /** The seq kept for these bytes if this post is a retry of it (see above); undefined otherwise. */
    retryOf(bodySha256: string, nowMs: number): number | undefined {
      const row = latestForBody.get(bodySha256);
      if (!row || nowMs - row.last_seen_ms > RETRY_WINDOW_MS) return undefined;
      const answer = toAnswer(row);
      return answer && isSuccess(answer) ? undefined : row.seq;
    },
    /** A notification just kept, its answer to come. */
    begin: (seq: number, bodySha256: string, nowMs: number) => void insert.run(seq, bodySha256, nowMs),
    /** One more retry of `seq`, its answer to come. */
    noteRetry: (seq: number, nowMs: number) => void retry.run(nowMs, seq),
    /** The answer for `seq` (the latest attempt), with its retries so far. */
    finish(seq: number, answer: Omit<BotAnswer, 'retries'>): BotAnswer {
      update.run(answer.outcome, answer.status, answer.ms, seq);
      return { ...answer, retries: select.get(seq)?.retries ?? 0 };
    },
    /** The answers known for these seqs (those still waiting have none). */
    answersOf(seqs: readonly number[]): Map<number, BotAnswer> {
      const answers = new Map<number, BotAnswer>();
      for (const seq of seqs) {
        const row = select.get(seq);
        const answer = row ? toAnswer(row) : undefined;
        if (answer) answers.set(seq, answer);
      }
      return answers;
    },
    /** Forgets the answers for seqs in (afterSeq, upToSeq]: their notifications were deleted with their session. */
    forget: (afterSeq: number, upToSeq: number) => void remove.run(afterSeq, upToSeq),
    /** Counts a request forwarded but not kept; returns the new total. */
    countRefused() {
      bump.run();
      return refused();
    },
    refused,
    close: () => db.close(),
  };
}

type ReadSide = Pick<ConsoleStore, 'log' | 'sessions' | 'paged'>;

/**
 * The bot's answers are kept apart from the notifications (in local SQLite even with REDIS_URL).
 * This puts them back together: the store the relay and the history read from returns each
 * notification with its bot's answer, and deleting a session (by hand or by retention) forgets
 * its answers, so a retry never points at a deleted seq.
 */
export function withBotAnswers(store: ConsoleStore, answers: BotAnswerLog): ReadSide {
  /** Each item with the bot's answer to the notification it is (`seqOf`: undefined for anything else), where one is known. */
  const attachAnswers = <T>(items: T[], seqOf: (item: T) => number | undefined): T[] => {
    const found = answers.answersOf(items.flatMap((item) => seqOf(item) ?? []));
    if (found.size === 0) return items;
    return items.map((item) => {
      const bot = found.get(seqOf(item) ?? 0);
      return bot ? { ...item, bot } : item;
    });
  };
  // Parsed notifications, or their stored text with the seq beside it (session pages): either way by seq.
  const withAnswers = <Stored extends { seq: number }>(notifications: Stored[]) => attachAnswers(notifications, (notification) => notification.seq);
  // A notification of the relay in a session's timeline; a scenario replay's are not the relay's, whatever their seq.
  const eventsWithAnswers = (events: TimelineEvent[]) =>
    attachAnswers(events, (event) => (event.kind === 'notification' && !event.replayed ? event.seq : undefined));
  const forgetting = (remove: SessionStore['remove']): SessionStore['remove'] => async (session) => {
    await remove(session);
    if (session.endSeq !== undefined) answers.forget(session.startSeq, session.endSeq);
  };
  const { log, sessions, paged } = store;
  return {
    log: {
      ...log,
      listAfter: async (since, limit) => withAnswers(await log.listAfter(since, limit)),
      get: async (seq) => {
        const stored = await log.get(seq);
        return stored && withAnswers([stored])[0];
      },
    },
    sessions: {
      ...sessions,
      events: async (session) => eventsWithAnswers(await sessions.events(session)),
      remove: forgetting((session) => sessions.remove(session)),
    },
    paged: paged && {
      ...paged,
      notificationPage: async (...page) => withAnswers(await paged.notificationPage(...page)),
      remove: forgetting((session) => paged.remove(session)),
    },
  };
}

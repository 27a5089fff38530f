/**
 * With FORWARD_TO, the bot's answers are kept apart from the notifications (bot-answers.ts, in
 * local SQLite even with REDIS_URL). This puts them back together: the store the relay and the
 * history read from returns each notification with its bot's answer, and deleting a session (by
 * hand or by retention) forgets its answers, so a retry never points at a deleted seq.
 */
import type { SessionStore } from '../src/api/stores';
import type { BotAnswer } from '../src/graph/schemas';
import type { TimelineEvent } from '../src/graph/timeline';
import type { BotAnswerLog } from './bot-answers';
import type { ConsoleStore } from './console-store';

type ReadSide = Pick<ConsoleStore, 'log' | 'sessions' | 'paged'>;

export function withBotAnswers(store: ConsoleStore, answers: BotAnswerLog): ReadSide {
  const withAnswers = <Stored extends { seq: number; bot?: BotAnswer }>(notifications: Stored[]): Stored[] => {
    const found = answers.answersOf(notifications.map((notification) => notification.seq));
    if (found.size === 0) return notifications;
    return notifications.map((notification) => {
      const bot = found.get(notification.seq);
      return bot ? { ...notification, bot } : notification;
    });
  };
  const eventsWithAnswers = (events: TimelineEvent[]): TimelineEvent[] => {
    const isRelayed = (event: TimelineEvent): event is Extract<TimelineEvent, { kind: 'notification' }> => event.kind === 'notification' && !event.replayed;
    const found = answers.answersOf(events.filter(isRelayed).map((event) => event.seq));
    if (found.size === 0) return events;
    return events.map((event) => {
      const bot = isRelayed(event) ? found.get(event.seq) : undefined;
      return bot ? { ...event, bot } : event;
    });
  };
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

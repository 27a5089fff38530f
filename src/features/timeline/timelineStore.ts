import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import type { BotAnswer } from '../../graph/schemas';
import type { TimelineEvent } from '../../graph/timeline';
import { throttledLocalStorage } from '../../lib/throttledStorage';
import { isRelayNotification, mergeLoaded } from './loadedEvents';

/**
 * The timeline's events. The history (/api/sessions) keeps them: only `lastSeq` is
 * persisted here, for the relay to resume after a reload.
 */
interface TimelineState {
  /** The current session's events, in the order the browser saw them. */
  events: TimelineEvent[];
  /** Which session `events` belongs to; undefined until the first one is loaded. */
  sessionId?: string;
  /** Notifications up to this seq belong to earlier sessions: the current session's timeline leaves them out. */
  startSeq: number;
  /** An ended session shown instead of the current one (live events still go to `events`). */
  archived?: TimelineEvent[];
  /** The last relay seq received: the relay resumes after it, so nothing is shown twice. */
  lastSeq: number;
  /**
   * With FORWARD_TO: what the bot answered each notification, by seq. Apart from the events, which
   * only ever grow: an answer comes after its notification (relay `botAnswer`), or with it when loaded.
   */
  botAnswers: Record<number, BotAnswer>;
  add(event: TimelineEvent): void;
  /** Several events at once (a relay batch): one update of the store, one render. */
  addAll(events: readonly TimelineEvent[]): void;
  setBotAnswer(seq: number, bot: BotAnswer): void;
  /**
   * The session's events that came before the loaded ones are still to come (loadEarlier), placed before
   * notification `before`; undefined when the loaded events are the whole session.
   */
  earlierBefore?: number;
  /**
   * The current session's stored events (at start, or a new session): what arrived while they loaded is kept.
   * `before`: they are its newest, and what came before notification `before` is still to come.
   */
  loadSession(sessionId: string, startSeq: number, events: readonly TimelineEvent[], before?: number): void;
  /** The rest of the session loadSession showed the newest of: put before the events shown, in one update. */
  loadEarlier(sessionId: string, before: number, earlier: readonly TimelineEvent[]): void;
  /** Show an ended session's events, or (undefined) the current session again. */
  showArchived(events: readonly TimelineEvent[] | undefined): void;
  /** The relay's source was reset (a new store, a mock reset): accept its numbering from here. */
  rewindTo(lastSeq: number): void;
  clear(): void;
}

/** The answers loaded events carry, over those already known. */
function withAnswersOf(known: Record<number, BotAnswer>, events: readonly TimelineEvent[]): Record<number, BotAnswer> {
  const found = events.filter((event) => event.kind === 'notification' && event.bot && !event.replayed);
  if (found.length === 0) return known;
  const answers = { ...known };
  for (const event of found) if (event.kind === 'notification' && event.bot) answers[event.seq] = event.bot;
  return answers;
}

const highestSeq = (events: readonly TimelineEvent[]) => events.reduce((highest, event) => (isRelayNotification(event) ? Math.max(highest, event.seq) : highest), 0);

export const useTimelineStore = create<TimelineState>()(
  persist(
    (set, get) => ({
      events: [],
      startSeq: 0,
      lastSeq: 0,
      botAnswers: {},
      setBotAnswer: (seq, bot) => set((state) => ({ botAnswers: { ...state.botAnswers, [seq]: bot } })),
      add: (event) => get().addAll([event]),
      addAll: (arrived) =>
        set((state) => {
          // A notification may come with its bot's answer (a relay catching up): kept even if the event is not shown.
          const botAnswers = withAnswersOf(state.botAnswers, arrived);
          const events: TimelineEvent[] = [];
          const archived: TimelineEvent[] = [];
          let { lastSeq } = state;
          for (const event of arrived) {
            // A redelivery is a copy of a notification already counted: shown where the user is looking, marked, and
            // it moves nothing. A replayed notification carries a scenario's numbering, not the relay's: it must not move lastSeq.
            if (event.kind === 'notification' && event.redelivered) (state.archived ? archived : events).push(event);
            else if (event.kind === 'notification' && !event.replayed) {
              if (event.seq <= lastSeq) continue;
              lastSeq = event.seq;
              // An earlier session's notification (a relay catching up from far back): counted, not shown.
              if (event.seq > state.startSeq) events.push(event);
            } else events.push(event);
          }
          // One new array per batch, not per event: a relay catching up hands over thousands at once.
          return {
            ...(events.length > 0 ? { events: [...state.events, ...events] } : {}),
            ...(archived.length > 0 && state.archived ? { archived: [...state.archived, ...archived] } : {}),
            ...(lastSeq !== state.lastSeq ? { lastSeq } : {}),
            ...(botAnswers !== state.botAnswers ? { botAnswers } : {}),
          };
        }),
      loadSession: (sessionId, startSeq, loaded, before) =>
        set((state) => {
          const sameSession = state.sessionId === undefined || state.sessionId === sessionId;
          return {
            sessionId,
            startSeq,
            events: mergeLoaded(loaded, state.events, { sameSession, startSeq }),
            earlierBefore: before,
            archived: undefined,
            lastSeq: Math.max(state.lastSeq, highestSeq(loaded)),
            botAnswers: withAnswersOf(state.botAnswers, loaded),
          };
        }),
      loadEarlier: (sessionId, before, earlier) =>
        set((state) => {
          // Only onto the events they are the start of: not after another session was loaded, or a replay cleared them.
          if (state.sessionId !== sessionId || state.earlierBefore !== before) return {};
          // The earlier events are stored, so they are kept and a copy among the shown ones (a recorded event sent again) goes.
          return {
            events: mergeLoaded(earlier, state.events, { sameSession: true, startSeq: state.startSeq }),
            earlierBefore: undefined,
            botAnswers: withAnswersOf(state.botAnswers, earlier),
          };
        }),
      showArchived: (events) => set((state) => ({ archived: events ? [...events] : undefined, botAnswers: withAnswersOf(state.botAnswers, events ?? []) })),
      rewindTo: (lastSeq) => set({ lastSeq }),
      clear: () => set({ events: [], archived: undefined, earlierBefore: undefined }),
    }),
    {
      name: 'comms-console.timeline',
      // The last seq changes with every relay batch: written at most once a second (and as the page is left).
      storage: createJSONStorage(() => throttledLocalStorage()),
      // Events used to be kept here too (version 0): the history holds them now.
      version: 1,
      partialize: (state) => ({ lastSeq: state.lastSeq }),
      migrate: (persisted) => ({ lastSeq: (persisted as { lastSeq?: number } | undefined)?.lastSeq ?? 0 }),
    },
  ),
);

import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import type { TimelineEvent } from '../../graph/timeline';
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
  add(event: TimelineEvent): void;
  /** The current session's stored events (at start, or a new session): what arrived while they loaded is kept. */
  loadSession(sessionId: string, startSeq: number, events: readonly TimelineEvent[]): void;
  /** Show an ended session's events, or (undefined) the current session again. */
  showArchived(events: readonly TimelineEvent[] | undefined): void;
  /** The relay's source was reset (a new store, a mock reset): accept its numbering from here. */
  rewindTo(lastSeq: number): void;
  clear(): void;
}

const highestSeq = (events: readonly TimelineEvent[]) => events.reduce((highest, event) => (isRelayNotification(event) ? Math.max(highest, event.seq) : highest), 0);

export const useTimelineStore = create<TimelineState>()(
  persist(
    (set) => ({
      events: [],
      startSeq: 0,
      lastSeq: 0,
      add: (event) =>
        set((state) => {
          // A redelivery is a copy of a notification already counted: shown where the user is looking, marked, and
          // it moves nothing. A replayed notification carries a scenario's numbering, not the relay's: it must not move lastSeq.
          if (event.kind === 'notification' && event.redelivered) {
            return state.archived ? { archived: [...state.archived, event] } : { events: [...state.events, event] };
          }
          if (event.kind === 'notification' && !event.replayed) {
            if (event.seq <= state.lastSeq) return state;
            // An earlier session's notification (a relay catching up from far back): counted, not shown.
            if (event.seq <= state.startSeq) return { lastSeq: event.seq };
            return { events: [...state.events, event], lastSeq: event.seq };
          }
          return { events: [...state.events, event] };
        }),
      loadSession: (sessionId, startSeq, loaded) =>
        set((state) => {
          const sameSession = state.sessionId === undefined || state.sessionId === sessionId;
          return {
            sessionId,
            startSeq,
            events: mergeLoaded(loaded, state.events, { sameSession, startSeq }),
            archived: undefined,
            lastSeq: Math.max(state.lastSeq, highestSeq(loaded)),
          };
        }),
      showArchived: (events) => set({ archived: events ? [...events] : undefined }),
      rewindTo: (lastSeq) => set({ lastSeq }),
      clear: () => set({ events: [], archived: undefined }),
    }),
    {
      name: 'comms-console.timeline',
      storage: createJSONStorage(() => localStorage),
      // Events used to be kept here too (version 0): the history holds them now.
      version: 1,
      partialize: (state) => ({ lastSeq: state.lastSeq }),
      migrate: (persisted) => ({ lastSeq: (persisted as { lastSeq?: number } | undefined)?.lastSeq ?? 0 }),
    },
  ),
);

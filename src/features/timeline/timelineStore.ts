import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import type { TimelineEvent } from '../../graph/timeline';

/** localStorage holds a few MB: keep the newest events within that. */
const MAX_EVENTS = 3_000;

interface TimelineState {
  events: TimelineEvent[];
  /** The last relay seq folded in: the relay resumes after it, so nothing is shown twice. */
  lastSeq: number;
  add(event: TimelineEvent): void;
  /** The relay's source was reset (a new store, a mock reset): accept its numbering from here. */
  rewindTo(lastSeq: number): void;
  clear(): void;
}

export const useTimelineStore = create<TimelineState>()(
  persist(
    (set) => ({
      events: [],
      lastSeq: 0,
      add: (event) =>
        set((state) => {
          if (event.kind === 'notification') {
            if (event.seq <= state.lastSeq) return state;
            return { events: [...state.events, event].slice(-MAX_EVENTS), lastSeq: event.seq };
          }
          return { events: [...state.events, event].slice(-MAX_EVENTS) };
        }),
      rewindTo: (lastSeq) => set({ lastSeq }),
      clear: () => set({ events: [] }),
    }),
    { name: 'comms-console.timeline', storage: createJSONStorage(() => localStorage) },
  ),
);

import { create } from 'zustand';
import { persist } from 'zustand/middleware';

export interface TimelineFilter {
  callId: string;
  type: string;
  status: string;
  clientContext: string;
  search: string;
}

export const NO_FILTER: TimelineFilter = { callId: '', type: '', status: '', clientContext: '', search: '' };

export interface FilterState extends TimelineFilter {
  update(patch: Partial<TimelineFilter>): void;
  clear(): void;
}

/** The timeline's filter; persisted so it survives a reload. */
export const useTimelineFilterStore = create<FilterState>()(
  persist(
    (set) => ({
      ...NO_FILTER,
      update: (patch) => set(patch),
      clear: () => set(NO_FILTER),
    }),
    { name: 'comms-console.timeline-filter' },
  ),
);

import { create } from 'zustand';
import { persist } from 'zustand/middleware';

export type TimelineView = 'swimlanes' | 'list';

interface ViewState {
  view: TimelineView;
  /** Keep the newest operations in view as they arrive (the swimlanes scroll with them). */
  followLive: boolean;
  setView(view: TimelineView): void;
  setFollowLive(follow: boolean): void;
}

/** How the timeline is shown; remembered across reloads. */
export const useTimelineViewStore = create<ViewState>()(
  persist(
    (set) => ({
      view: 'swimlanes',
      followLive: true,
      setView: (view) => set({ view }),
      setFollowLive: (followLive) => set({ followLive }),
    }),
    { name: 'comms-console.timeline-view', partialize: (state) => ({ view: state.view, followLive: state.followLive }) },
  ),
);

export function useFollowLive(): [boolean, (follow: boolean) => void] {
  const follow = useTimelineViewStore((state) => state.followLive);
  const set = useTimelineViewStore((state) => state.setFollowLive);
  return [follow, set];
}

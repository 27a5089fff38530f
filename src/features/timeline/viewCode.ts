/**
 * The timeline's chunks and the stored choice of view, without React or zustand: the page's first
 * module (src/app/earlyLoads.ts) starts fetching them before the rest of the page's code has run.
 */
import { persistedField } from '../../lib/persistedField';
import type { TimelineView } from './viewStore';

export const VIEW_STORE_NAME = 'comms-console.timeline-view';

export const importTimeline = () => import('./Timeline');
export const importSwimlanes = () => import('./Swimlanes');
export const importLaneList = () => import('./LaneList');
export const importFilterBar = () => import('./FilterBar');

/** The view the timeline opens in: swimlanes unless the list was chosen, as the view store decides. */
export const persistedView = (): TimelineView => (persistedField(VIEW_STORE_NAME, 'view') === 'list' ? 'list' : 'swimlanes');

/** The timeline's code, its chosen view's and the filter bar's, on their way (preloadView's handles then find them loaded). */
export function startTimelineChunks(): void {
  void importTimeline();
  void (persistedView() === 'list' ? importLaneList() : importSwimlanes());
  void importFilterBar();
}

/**
 * The timeline's chunks that draw the events: fetched as the page starts (src/app's early loads),
 * alongside the session's events rather than once the first lanes are there, and drawn without
 * suspending once loaded (src/lib/preloadable.ts).
 */
import { preloadable } from '../../lib/preloadable';
import { useTimelineViewStore } from './viewStore';

export const swimlanesCode = preloadable(() => import('./Swimlanes'));
export const laneListCode = preloadable(() => import('./LaneList'));
export const filterBarCode = preloadable(() => import('./FilterBar'));

/** The chosen view's code and the filter bar shown above it. */
export function preloadChosenView(): void {
  void (useTimelineViewStore.getState().view === 'swimlanes' ? swimlanesCode.load() : laneListCode.load());
  void filterBarCode.load();
}

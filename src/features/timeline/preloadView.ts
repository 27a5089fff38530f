/**
 * The timeline's chunks that draw the events: fetched as the page starts (viewCode.ts, from src/app's early loads),
 * alongside the session's events rather than once the first lanes are there, and drawn without
 * suspending once loaded (src/lib/preloadable.ts).
 */
import { preloadable } from '../../lib/preloadable';
import { importFilterBar, importLaneList, importSwimlanes } from './viewCode';
import { useTimelineViewStore } from './viewStore';

export const swimlanesCode = preloadable(importSwimlanes);
export const laneListCode = preloadable(importLaneList);
export const filterBarCode = preloadable(importFilterBar);

/** The chosen view's code and the filter bar shown above it. */
export function preloadChosenView(): void {
  void (useTimelineViewStore.getState().view === 'swimlanes' ? swimlanesCode.load() : laneListCode.load());
  void filterBarCode.load();
}

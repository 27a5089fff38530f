/**
 * What the page starts loading before its first render (main.tsx calls it once the mocks, if any, are
 * listening): the timeline's code, its chosen view's, and the history's first read, all on their way
 * while React draws the page instead of one after another once it has.
 */
import type { Mode } from '../features/mode/modeStore';
import { preloadCurrentSession } from '../features/sessions/preload';
import { preloadChosenView } from '../features/timeline/preloadView';

/** Where this tab keeps recorded events until they are stored: one journal per mode, as each mode has its own history. */
export const unsavedEventsKey = (mode: Mode) => `comms-console.unsaved-events.${mode}`;

/** The timeline's chunk (the form does not wait for it): one import, shared with App's lazy component. */
export const loadTimeline = () => import('../features/timeline/Timeline');

export function startEarlyLoads(mode: Mode): void {
  void loadTimeline();
  preloadChosenView();
  preloadCurrentSession(unsavedEventsKey(mode));
}

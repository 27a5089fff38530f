/**
 * The server's first screen (server/first-screen.ts), taken over: the app renders into a hidden root behind
 * it and is shown in its place once its own timeline shows what the first screen showed. So a cold load goes
 * from the newest operations to the working page, never through an empty timeline. Loaded only by a page that
 * came with a first screen (main.tsx), and by the timeline, which says when it has caught up.
 */
import { APP_ROOT_ID, FIRST_SCREEN_ID, FIRST_SCREEN_SEQ_ATTRIBUTE } from '../graph/firstScreen';

/**
 * The longest the first screen stays up once the app has rendered: whatever the app has drawn by then is better
 * than a page that does nothing (the first screen is inert).
 */
const LONGEST_MS = 4_000;

/** The app in place of the first screen. Called as often as convenient: after the first time it does nothing. */
export function showApp(): void {
  document.getElementById(FIRST_SCREEN_ID)?.remove();
  const root = document.getElementById(APP_ROOT_ID);
  if (root?.hidden) root.hidden = false;
}

/** The app in place of the first screen once its timeline has drawn notification `seq` or later (the first screen's newest). */
export function showAppOnceDrawn(seq: number): void {
  const firstScreen = document.getElementById(FIRST_SCREEN_ID);
  if (firstScreen && seq >= Number(firstScreen.getAttribute(FIRST_SCREEN_SEQ_ATTRIBUTE))) showApp();
}

/** Once the app has rendered: shown now if it cannot catch up (it failed to start), else at the latest after LONGEST_MS. */
export function takeOver(failedToStart: boolean): void {
  if (failedToStart) showApp();
  else setTimeout(showApp, LONGEST_MS);
}

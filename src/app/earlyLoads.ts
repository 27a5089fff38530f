/**
 * The page's first module: main.tsx imports it before anything else, and vite.config.ts gives it (with
 * the little it imports: no React, react-query or zod) a chunk of its own that runs before the rest of
 * the page's code is evaluated (some 200 ms of a cold load). As it runs it starts, in live mode, the
 * current session's newest events on their way, so they are there when React has drawn the page
 * instead of asked for after it. (The timeline's chunks are started by App's and main.tsx's first lines:
 * a dynamic import here would take vite's preload helper, and a share of the initial JS, with it.)
 */
import type { Mode } from '../features/mode/modeStore';
import { persistedMode } from '../features/mode/persistedMode';
import { startCurrentSessionRead } from '../features/sessions/currentSessionRead';

/** Where this tab keeps recorded events until they are stored: one journal per mode, as each mode has its own history. */
export const unsavedEventsKey = (mode: Mode) => `comms-console.unsaved-events.${mode}`;

/** The history's first read; in mock mode only once msw listens (main.tsx), as nothing else can answer it. */
export function startHistoryRead(mode: Mode): void {
  startCurrentSessionRead(unsavedEventsKey(mode));
}

if (persistedMode() === 'live') startHistoryRead('live');

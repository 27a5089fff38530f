/**
 * The history's first read: the current session's newest events, asked for as the page's first module
 * runs (src/app/earlyLoads.ts), before React, react-query or zod have loaded. So nothing here imports
 * them: a plain fetch, its JSON kept as it came. useSessions takes the answer over and checks it
 * against the contract there (preload.ts), instead of asking again. In live mode the server's page may have
 * started this same read already, as it was parsed (server/first-screen.ts): the browser then answers it from there.
 */
import { CURRENT_SESSION_EVENTS_PATH, FIRST_READ_NEWEST, sessionEventsQuery } from '../../graph/sessionPaths';

let reading: Promise<unknown> | undefined;

/**
 * Starts the read, unless this tab's journal (`unsavedEventsKey`, useSessions' wiring) holds events
 * recorded before a reload: those are stored first, and a read now would miss them. The journal is
 * written only while it holds events, so any entry at all counts.
 */
export function startCurrentSessionRead(unsavedEventsKey: string): void {
  if (sessionStorage.getItem(unsavedEventsKey) !== null) return;
  reading = fetch(`${CURRENT_SESSION_EVENTS_PATH}${sessionEventsQuery({ newest: FIRST_READ_NEWEST })}`, { headers: { accept: 'application/json' } })
    // No current session yet (204), or any failure: asked for again the usual way, where a failure is shown.
    .then((response) => (response.status === 200 ? (response.json() as Promise<unknown>) : undefined))
    .catch(() => undefined);
}

/** The answer's JSON, unchecked, once; undefined when the read was not started, failed, or was taken already. */
export async function takeCurrentSessionRead(): Promise<unknown> {
  const answer = reading;
  reading = undefined;
  return answer;
}

/**
 * The history's first read, started as the page starts (before React's first render): the sessions
 * list, then the current session's newest events, so they are on their way while the page is drawn.
 * useSessions takes the answer over when it loads that session, instead of asking again.
 */
import type { SessionEvents } from '../../graph/sessions';
import { queryClient } from '../../lib/queryClient';
import { loadSessionEvents, sessionsQuery } from './sessionsApi';
import { sessionStorageJournal } from './unsavedJournal';

/** The current session's newest notifications, loaded and shown first: a screenful and more, a quick read. */
export const NEWEST_FIRST = 300;

let preloaded: Promise<SessionEvents | undefined> | undefined;

/** `unsavedEventsKey`: the recorder's journal (useSessions' wiring); events waiting there are stored before any read. */
export function preloadCurrentSession(unsavedEventsKey: string): void {
  if (sessionStorageJournal(unsavedEventsKey).read().length > 0) return;
  preloaded = queryClient
    .fetchQuery(sessionsQuery)
    .then((list) => (list.currentId ? loadSessionEvents(list.currentId, { newest: NEWEST_FIRST }) : undefined))
    // Asked for again the usual way, where a failure is shown.
    .catch(() => undefined);
}

/** The preloaded newest events of session `id`, once; undefined when none were preloaded for it. */
export async function takePreloaded(id: string): Promise<SessionEvents | undefined> {
  const answer = await preloaded;
  preloaded = undefined;
  return answer?.session.id === id ? answer : undefined;
}

/**
 * Where the history's endpoints are (sessions.ts and sessionRequests.ts have their contract). Apart from the
 * schemas, with no imports: the page's first module reads the current session through these before
 * zod or anything else of the page has loaded (src/app/earlyLoads.ts).
 */
import type { SessionEventsQuery } from './sessionRequests';

export const SESSIONS_PATH = '/api/sessions';
export const sessionPath = (id: string) => `${SESSIONS_PATH}/${encodeURIComponent(id)}`;
export const sessionEventsPath = (id: string) => `${sessionPath(id)}/events`;
/** GET: the current session's events, as `sessionEventsPath` of its id answers them; 204 (no body) before any session has started. */
export const CURRENT_SESSION_EVENTS_PATH = `${SESSIONS_PATH}/current/events`;

/**
 * How many of the current session's newest events the page reads first (src/features/sessions/currentSessionRead.ts),
 * and the server preloads for a live page (server/first-screen.ts): a screenful and more, a quick read.
 */
export const FIRST_READ_NEWEST = 300;

/** The query string of a read of a session's events (empty for the whole session). */
export function sessionEventsQuery(query: SessionEventsQuery): string {
  const params = new URLSearchParams();
  if (query.newest !== undefined) params.set('newest', String(query.newest));
  if (query.before !== undefined) params.set('before', String(query.before));
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The history endpoints as the sessions feature calls them (src/graph/sessions.ts has the contract). */
import { queryOptions } from '@tanstack/react-query';
import { SESSIONS_PATH, sessionEventsPath, sessionEventsQuery, sessionPath } from '../../graph/sessionPaths';
import type { SessionEventsQuery } from '../../graph/sessionRequests';
import { sessionEventsSchema, sessionListSchema, sessionSchema, type PlacedEvent } from '../../graph/sessions';
import { fetchJson } from '../../lib/fetchJson';
import { sendJson } from '../../lib/sendJson';

/** Every query key of the sessions feature. */
export const sessionsKeys = { list: ['sessions', 'list'] as const };

/** Not polled: useSessions reloads it as the live timeline grows (event counts change); only the panel that shows it subscribes. */
export const sessionsQuery = queryOptions({
  queryKey: sessionsKeys.list,
  queryFn: () => fetchJson(SESSIONS_PATH, sessionListSchema),
});

/** Undefined only if the answer had no body, which the contract rules out: say so rather than go on. */
function required<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`${what}: the answer had no body`);
  return value;
}

export async function startSession(name: string) {
  return required(await sendJson('POST', SESSIONS_PATH, { body: { name }, schema: sessionSchema }), `POST ${SESSIONS_PATH}`);
}

/** A session's events, or the part `query` names (the newest, what came before a seq): see src/graph/sessions.ts. */
export async function loadSessionEvents(id: string, query: SessionEventsQuery = {}) {
  const path = `${sessionEventsPath(id)}${sessionEventsQuery(query)}`;
  return required(await sendJson('GET', path, { schema: sessionEventsSchema }), `GET ${path}`);
}

export async function deleteSession(id: string): Promise<void> {
  await sendJson('DELETE', sessionPath(id));
}

export async function postEvents(id: string, events: readonly PlacedEvent[]): Promise<void> {
  await sendJson('POST', sessionEventsPath(id), { body: { events } });
}

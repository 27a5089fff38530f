/**
 * The console's own API (`/api/*` but the two notification doors), written
 * once over store interfaces: the server serves it over SQLite
 * (server/app.ts), msw answers with the same app's `fetch` over IndexedDB in
 * mock mode (src/mocks). Routing, validation, limits and error bodies are
 * therefore the same in both modes. Runs in the browser: no Node APIs here.
 *
 *   GET    /api/config                        → 200 ConsoleConfig (server only)
 *   GET    /api/known-calls                   → 200 { calls }
 *   POST   /api/mock/reset                    → 204 (mock mode only)
 *   GET    /api/sessions                      → 200 { sessions, currentId }
 *   POST   /api/sessions            { name? } → 201 the new current session (the previous one ends)
 *   GET    /api/sessions/{id}/events?newest=&before= → 200 { session, events, before? }
 *   GET    /api/sessions/current/events?newest=&before= → the same, of the current session (204 before one starts)
 *   POST   /api/sessions/{id}/events { events: [{ afterSeq, event }] } → 204
 *   DELETE /api/sessions/{id}                 → 204 (409 for the current session)
 *   POST   /api/notifications/{seq}/redeliver → 200 { seq, clients }
 */
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { z } from 'zod';
import { CONFIG_PATH, KNOWN_CALLS_PATH, MOCK_RESET_PATH } from '../graph/console';
import { isGuid } from '../graph/ids';
import { MAX_NOTIFICATION_JSON_DEPTH } from '../graph/jsonDepth';
import { sessionTimelinePart } from '../graph/sessionTimeline';
import { CURRENT_SESSION_EVENTS_PATH, SESSIONS_PATH } from '../graph/sessionPaths';
import { consoleError, MAX_EVENTS_BODY_BYTES, type Session } from '../graph/sessions';
import { appendEventsBodySchema, sessionEventsQuerySchema, startSessionBodySchema, type SessionEventsQuery } from '../graph/sessionRequests';
import { parseUntrustedJson, parseUntrustedValue } from '../graph/untrustedJson';
import type { ConsoleApiBackend } from './stores';

const NO_STORE = { 'cache-control': 'no-store' };

export function fail(c: Context, status: 400 | 404 | 405 | 409 | 413, code: string, message: string, headers: Record<string, string> = {}): Response {
  return c.json(consoleError(code, message), status, { ...NO_STORE, ...headers });
}

/** The answer to a method a path does not take. */
export const onlyAllow = (allow: string) => (c: Context) => fail(c, 405, 'MethodNotAllowed', `${c.req.method} is not allowed here; use ${allow}.`, { allow });

const limitBody = bodyLimit({
  maxSize: MAX_EVENTS_BODY_BYTES,
  onError: (c) => fail(c, 413, 'RequestEntityTooLarge', `The body is over the limit of ${MAX_EVENTS_BODY_BYTES} bytes. Send fewer events at a time.`),
});

/**
 * The body as the schema's shape, or the 400 that says what is wrong with it. Stored events are
 * serialised again on every read: a body nested too deep for that is refused at the door.
 */
async function readBody<T>(c: Context, schema: z.ZodType<T>, emptyMeans?: unknown): Promise<{ ok: true; value: T } | { ok: false; answer: Response }> {
  const parsed = parseUntrustedJson(await c.req.text(), schema, { what: 'The body', maxDepth: MAX_NOTIFICATION_JSON_DEPTH, emptyMeans });
  return parsed.ok ? parsed : { ok: false, answer: fail(c, 400, 'BadRequest', parsed.message) };
}

/**
 * GET /api/sessions/{id}/events's `newest` and `before`, or the 400 that says what is wrong with them.
 * The server's streamed read of the same path (server/app.ts) leaves a bad query to this answer.
 */
function readEventsQuery(c: Context): { ok: true; value: SessionEventsQuery } | { ok: false; answer: Response } {
  const parsed = parseUntrustedValue(c.req.query(), sessionEventsQuerySchema, { what: 'The query', expected: 'valid' });
  return parsed.ok ? parsed : { ok: false, answer: fail(c, 400, 'BadRequest', `${parsed.message}\nLeave both out to read the whole session.`) };
}

/** `Session 2026-11-27 11:26 UTC`: the name a session gets when the request names none. */
function defaultName(startedAt: string): string {
  return `Session ${startedAt.slice(0, 16).replace('T', ' ')} UTC`;
}

export function createConsoleApi(backend: ConsoleApiBackend): Hono {
  // Not strict: `/api/sessions/` is `/api/sessions`.
  const api = new Hono({ strict: false });
  const { sessions } = backend;

  // Not a 404: a history with no session yet is how every console starts, not a wrong address, and the
  // browser would log the page's first read of it as a failed request.
  const noCurrentSession = (c: Context) => c.body(null, 204, NO_STORE);
  const noSession = (c: Context, id: string) => fail(c, 404, 'SessionNotFound', `There is no session "${id.slice(0, 100)}": it was deleted, or never existed.`);
  /** The session the path names; GUIDs are stored lower-case, as crypto.randomUUID makes them. */
  const sessionOf = async (c: Context) => {
    const id = c.req.param('id')?.toLowerCase() ?? '';
    return { id, session: isGuid(id) ? await sessions.get(id) : undefined };
  };

  if (backend.config) {
    const config = backend.config;
    api.get(CONFIG_PATH, (c) => c.json(config(), 200, NO_STORE));
    api.all(CONFIG_PATH, onlyAllow('GET'));
  }
  api.get(KNOWN_CALLS_PATH, async (c) => c.json({ calls: await backend.knownCalls() }, 200, NO_STORE));
  api.all(KNOWN_CALLS_PATH, onlyAllow('GET'));
  if (backend.resetMock) {
    const resetMock = backend.resetMock;
    api.post(MOCK_RESET_PATH, async (c) => {
      await resetMock();
      return c.body(null, 204, NO_STORE);
    });
    api.all(MOCK_RESET_PATH, onlyAllow('POST'));
  }

  api.get(SESSIONS_PATH, async (c) => c.json(await sessions.list(), 200, NO_STORE));
  api.post(SESSIONS_PATH, limitBody, async (c) => {
    const body = await readBody(c, startSessionBodySchema, {});
    if (!body.ok) return body.answer;
    const startedAt = backend.now().toISOString();
    const session = await sessions.start({ id: backend.newId(), name: body.value.name ?? defaultName(startedAt), startedAt });
    return c.json(session, 201, NO_STORE);
  });
  api.all(SESSIONS_PATH, onlyAllow('GET, POST'));

  api.delete(`${SESSIONS_PATH}/:id`, async (c) => {
    const { id, session } = await sessionOf(c);
    if (!session) return noSession(c, id);
    if (session.endSeq === undefined) return fail(c, 409, 'Conflict', 'This is the current session: start a new session before deleting it.');
    await sessions.remove(session);
    return c.body(null, 204, NO_STORE);
  });
  api.all(`${SESSIONS_PATH}/:id`, onlyAllow('DELETE'));

  /** The session's events, or the part the query asks for. */
  const eventsOf = async (c: Context, session: Session, query: SessionEventsQuery) =>
    c.json({ session, ...sessionTimelinePart(await sessions.events(session), query) }, 200, NO_STORE);

  // The page's first read: the current session's newest events in one request, without the list first.
  api.get(CURRENT_SESSION_EVENTS_PATH, async (c) => {
    const query = readEventsQuery(c);
    if (!query.ok) return query.answer;
    const session = await sessions.current();
    return session ? eventsOf(c, session, query.value) : noCurrentSession(c);
  });
  api.all(CURRENT_SESSION_EVENTS_PATH, onlyAllow('GET'));
  api.get(`${SESSIONS_PATH}/:id/events`, async (c) => {
    // The query is checked first, as a body is: a malformed request is malformed whatever session it names.
    const query = readEventsQuery(c);
    if (!query.ok) return query.answer;
    const { id, session } = await sessionOf(c);
    if (!session) return noSession(c, id);
    return eventsOf(c, session, query.value);
  });
  api.post(`${SESSIONS_PATH}/:id/events`, limitBody, async (c) => {
    // The body is checked first: a malformed request is malformed whatever session it names.
    const body = await readBody(c, appendEventsBodySchema);
    if (!body.ok) return body.answer;
    const { id, session } = await sessionOf(c);
    if (!session) return noSession(c, id);
    await sessions.append(session.id, body.value.events);
    return c.body(null, 204, NO_STORE);
  });
  api.all(`${SESSIONS_PATH}/:id/events`, onlyAllow('GET, POST'));

  api.post('/api/notifications/:seq/redeliver', async (c) => {
    const raw = c.req.param('seq');
    if (!/^[1-9]\d{0,14}$/.test(raw)) return fail(c, 400, 'BadRequest', `"${raw.slice(0, 40)}" is not a notification seq (a positive integer).`);
    const seq = Number(raw);
    const sent = await backend.redeliver(seq);
    if (!sent) return fail(c, 404, 'NotificationNotFound', `No stored notification has seq ${seq}: it was never received, or its session was deleted.`);
    return c.json({ seq, clients: sent.clients }, 200, NO_STORE);
  });
  api.all('/api/notifications/:seq/redeliver', onlyAllow('POST'));

  api.notFound((c) => fail(c, 404, 'NotFound', `No such endpoint: ${c.req.method} ${c.req.path.slice(0, 300)}`));
  return api;
}

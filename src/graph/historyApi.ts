/**
 * The history endpoints (sessions and redelivery) as one function from request
 * to answer, over a store: the server runs it on SQLite, msw on IndexedDB, so
 * routing, validation, limits and error bodies are the same in both modes.
 *
 *   GET    /api/sessions                      → 200 { sessions, currentId }
 *   POST   /api/sessions            { name? } → 201 the new current session (the previous one ends)
 *   GET    /api/sessions/{id}/events          → 200 { session, events }
 *   POST   /api/sessions/{id}/events { events: [{ afterSeq, event }] } → 204
 *   DELETE /api/sessions/{id}                 → 204 (409 for the current session)
 *   POST   /api/notifications/{seq}/redeliver → 200 { seq, clients }
 */
import type { z } from 'zod';
import { isGuid } from './ids';
import {
  appendEventsBodySchema,
  consoleError,
  MAX_EVENTS_BODY_BYTES,
  SESSIONS_PATH,
  startSessionBodySchema,
  type PlacedEvent,
  type Session,
  type SessionList,
} from './sessions';
import type { TimelineEvent } from './timeline';

export interface NewSession {
  id: string;
  name: string;
  startedAt: string;
}

/** Where sessions live: SQLite on the server, IndexedDB in mock mode. */
export interface SessionStore {
  list(): Promise<SessionList>;
  /** Ends the current session (if any) at the relay's last seq and opens this one after it. */
  start(session: NewSession): Promise<Session>;
  get(id: string): Promise<Session | undefined>;
  /** The session's timeline, in order (see sessionTimeline). */
  events(session: Session): Promise<TimelineEvent[]>;
  append(sessionId: string, events: readonly PlacedEvent[]): Promise<void>;
  /** Removes the session, its recorded events and its notifications. */
  remove(session: Session): Promise<void>;
}

export interface HistoryBackend {
  sessions: SessionStore;
  /** Sends the stored notification again on the relay, marked redelivered; undefined when none has that seq. */
  redeliver(seq: number): Promise<{ clients: number } | undefined>;
  newId(): string;
  now(): Date;
}

export interface HistoryRequest {
  method: string;
  /** The path, without query. */
  path: string;
  /** The body as text ('' for none). */
  bodyText: string;
}

export interface HistoryAnswer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

const NOTIFICATIONS_PREFIX = '/api/notifications';

/** Whether the path is one this module answers (or answers 404/405 for). */
export function isHistoryPath(path: string): boolean {
  return path === SESSIONS_PATH || path.startsWith(`${SESSIONS_PATH}/`) || path.startsWith(`${NOTIFICATIONS_PREFIX}/`);
}

const fail = (status: number, code: string, message: string, headers?: Record<string, string>): HistoryAnswer => ({
  status,
  body: consoleError(code, message),
  ...(headers ? { headers } : {}),
});
const methodNotAllowed = (method: string, allow: string) => fail(405, 'MethodNotAllowed', `${method} is not allowed here; use ${allow}.`, { allow });
const noSession = (id: string) => fail(404, 'SessionNotFound', `There is no session "${id.slice(0, 100)}": it was deleted, or never existed.`);

type Parsed<T> = { ok: true; value: T } | { ok: false; answer: HistoryAnswer };

/** The body as JSON of the schema's shape, or the 400/413 answer that says what is wrong with it. */
function parseBody<T>(bodyText: string, schema: z.ZodType<T>, emptyMeans?: unknown): Parsed<T> {
  const bytes = new TextEncoder().encode(bodyText).length;
  if (bytes > MAX_EVENTS_BODY_BYTES) {
    return { ok: false, answer: fail(413, 'RequestEntityTooLarge', `The body is ${bytes} bytes; the limit is ${MAX_EVENTS_BODY_BYTES}. Send fewer events at a time.`) };
  }
  let json: unknown = emptyMeans;
  if (bodyText.trim() !== '' || emptyMeans === undefined) {
    try {
      json = JSON.parse(bodyText);
    } catch (error) {
      return { ok: false, answer: fail(400, 'BadRequest', `The body is not JSON: ${error instanceof Error ? error.message : String(error)}`) };
    }
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.slice(0, 5).map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(body)'}: ${issue.message}`);
    return { ok: false, answer: fail(400, 'BadRequest', `The body is not valid: ${problems.join('; ')}`) };
  }
  return { ok: true, value: parsed.data };
}

/** `Session 2026-11-27 11:26 UTC`: the name a session gets when the request names none. */
function defaultName(startedAt: string): string {
  return `Session ${startedAt.slice(0, 16).replace('T', ' ')} UTC`;
}

async function answerSessions(backend: HistoryBackend, request: HistoryRequest, rest: string[]): Promise<HistoryAnswer> {
  const { sessions } = backend;
  const { method } = request;
  if (rest.length === 0) {
    if (method === 'GET') return { status: 200, body: await sessions.list() };
    if (method !== 'POST') return methodNotAllowed(method, 'GET, POST');
    const body = parseBody(request.bodyText, startSessionBodySchema, {});
    if (!body.ok) return body.answer;
    const startedAt = backend.now().toISOString();
    const session = await sessions.start({ id: backend.newId(), name: body.value.name ?? defaultName(startedAt), startedAt });
    return { status: 201, body: session };
  }

  const [rawId = '', child, ...deeper] = rest;
  let id: string;
  try {
    // GUIDs are stored lower-case, as crypto.randomUUID makes them.
    id = decodeURIComponent(rawId).toLowerCase();
  } catch {
    return noSession(rawId);
  }
  if (deeper.length > 0 || (child !== undefined && child !== 'events')) return fail(404, 'NotFound', `No such endpoint: ${method} ${request.path}`);
  const session = isGuid(id) ? await sessions.get(id) : undefined;

  if (child === undefined) {
    if (method !== 'DELETE') return methodNotAllowed(method, 'DELETE');
    if (!session) return noSession(id);
    if (session.endSeq === undefined) return fail(409, 'Conflict', 'This is the current session: start a new session before deleting it.');
    await sessions.remove(session);
    return { status: 204 };
  }

  if (method === 'GET') {
    if (!session) return noSession(id);
    return { status: 200, body: { session, events: await sessions.events(session) } };
  }
  if (method !== 'POST') return methodNotAllowed(method, 'GET, POST');
  // The body is checked first: a malformed request is malformed whatever session it names.
  const body = parseBody(request.bodyText, appendEventsBodySchema);
  if (!body.ok) return body.answer;
  if (!session) return noSession(id);
  await sessions.append(session.id, body.value.events);
  return { status: 204 };
}

async function answerRedeliver(backend: HistoryBackend, request: HistoryRequest, rest: string[]): Promise<HistoryAnswer> {
  const [rawSeq = '', action, ...deeper] = rest;
  if (action !== 'redeliver' || deeper.length > 0) return fail(404, 'NotFound', `No such endpoint: ${request.method} ${request.path}`);
  if (request.method !== 'POST') return methodNotAllowed(request.method, 'POST');
  if (!/^[1-9]\d{0,14}$/.test(rawSeq)) return fail(400, 'BadRequest', `"${rawSeq.slice(0, 40)}" is not a notification seq (a positive integer).`);
  const seq = Number(rawSeq);
  const sent = await backend.redeliver(seq);
  if (!sent) return fail(404, 'NotificationNotFound', `No stored notification has seq ${seq}: it was never received, or its session was deleted.`);
  return { status: 200, body: { seq, clients: sent.clients } };
}

export async function answerHistoryRequest(backend: HistoryBackend, request: HistoryRequest): Promise<HistoryAnswer> {
  if (request.path === SESSIONS_PATH || request.path.startsWith(`${SESSIONS_PATH}/`)) {
    const rest = request.path.slice(SESSIONS_PATH.length).split('/').filter((part) => part !== '');
    return answerSessions(backend, request, rest);
  }
  if (request.path.startsWith(`${NOTIFICATIONS_PREFIX}/`)) {
    const rest = request.path.slice(NOTIFICATIONS_PREFIX.length).split('/').filter((part) => part !== '');
    return answerRedeliver(backend, request, rest);
  }
  return fail(404, 'NotFound', `No such endpoint: ${request.method} ${request.path}`);
}

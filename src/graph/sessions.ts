/**
 * History: the console's sessions, as one contract shared by the SPA, the msw
 * mocks (IndexedDB) and the server (SQLite), so both modes answer alike.
 *
 * A session is a stretch of the console's life. The requests and responses
 * the browser records belong to the session open at the time; notifications
 * belong to a session by their relay seq: startSeq < seq <= endSeq (no end
 * for the current one). Each session starts where the one before it ended
 * (the first at 0), so the sessions tile the seq line and every notification
 * belongs to exactly one of them. The endpoints' paths are in sessionPaths.ts.
 */
import { z } from 'zod';
import { PROFILE_IDS, type ProfileId } from './profiles';
import { botAnswerSchema, notificationSourceSchema } from './schemas';
import type { TimelineEvent } from './timeline';

/** POST: the relay sends a stored notification again, marked `redelivered`; nothing new is stored. */
export const redeliverPath = (seq: number) => `/api/notifications/${seq}/redeliver`;

export const SESSION_NAME_MAX = 100;
/** One POST of events: far above what a browser records between two posts, far below what could hurt the store. */
export const MAX_EVENTS_PER_POST = 500;
export const MAX_EVENTS_BODY_BYTES = 512 * 1024;

const isoDateTime = z.iso.datetime({ offset: true });
const seqSchema = z.number().int().nonnegative();

export const sessionSchema = z.object({
  id: z.guid(),
  name: z.string(),
  startedAt: isoDateTime,
  endedAt: isoDateTime.optional(),
  /** The last seq before the session: its notifications are those after it... */
  startSeq: seqSchema,
  /** ...up to and including this one; absent while the session is the current one. */
  endSeq: seqSchema.optional(),
});
export type Session = z.infer<typeof sessionSchema>;

/** A session as the list shows it. */
export const sessionSummarySchema = sessionSchema.extend({
  /** Requests, responses and notifications it holds. */
  eventCount: z.number().int().nonnegative(),
});
export type SessionSummary = z.infer<typeof sessionSummarySchema>;

/** Sessions the server deleted to stay within its storage limits (DATA_MAX_MB, DATA_MAX_DAYS), and why. */
export const prunedSessionsSchema = z.object({
  at: isoDateTime,
  reason: z.string(),
  sessions: z.array(sessionSchema.pick({ id: true, name: true, startedAt: true })),
});
export type PrunedSessions = z.infer<typeof prunedSessionsSchema>;

/**
 * GET /api/sessions: newest first; `currentId` is null only before the first session starts.
 * `pruned`: what the server last deleted to stay within its limits (live mode only).
 */
export const sessionListSchema = z.object({
  sessions: z.array(sessionSummarySchema),
  currentId: z.guid().nullable(),
  pruned: prunedSessionsSchema.optional(),
});
export type SessionList = z.infer<typeof sessionListSchema>;

// The timeline's events as they cross the wire. Unknown fields are dropped: only what the timeline reads is kept.
const requestEventSchema = z.object({
  kind: z.literal('request'),
  id: z.string().min(1).max(200),
  at: isoDateTime,
  callId: z.string().max(200),
  // z.enum wants a non-empty tuple; PROFILE_IDS is Object.keys of PROFILES, which has three.
  profile: z.enum(PROFILE_IDS as [ProfileId, ...ProfileId[]]),
  method: z.string().min(1).max(16),
  path: z.string().max(2048),
  body: z.unknown(),
  replayed: z.boolean().optional(),
});
const responseEventSchema = z.object({
  kind: z.literal('response'),
  requestId: z.string().min(1).max(200),
  at: isoDateTime,
  status: z.number().int().min(100).max(599),
  headers: z.record(z.string(), z.string()),
  body: z.unknown(),
  replayed: z.boolean().optional(),
});
const notificationEventSchema = z.object({
  kind: z.literal('notification'),
  seq: z.number().int().positive(),
  receivedAt: z.string(),
  verified: z.boolean(),
  source: notificationSourceSchema,
  body: z.unknown(),
  replayed: z.boolean().optional(),
  redelivered: z.boolean().optional(),
  /** With FORWARD_TO: what the bot answered it. */
  bot: botAnswerSchema.optional(),
});

/** What the browser records itself; notifications are stored by whoever receives them, never posted. */
export const recordedEventSchema = z.discriminatedUnion('kind', [requestEventSchema, responseEventSchema]);
export type RecordedEvent = Extract<TimelineEvent, { kind: 'request' | 'response' }>;

export const timelineEventSchema = z.discriminatedUnion('kind', [requestEventSchema, responseEventSchema, notificationEventSchema]);

/**
 * One recorded event and where it goes among the notifications: `afterSeq` is
 * the last relay seq the browser had when it recorded the event, so reading the
 * session back puts it after that notification and before the next, the order
 * the browser saw (clocks of browser and server need not agree).
 */
export const placedEventSchema = z.object({ afterSeq: seqSchema, event: recordedEventSchema });
export type PlacedEvent = { afterSeq: number; event: RecordedEvent };

/**
 * GET /api/sessions/{id}/events: the session and its timeline (or the part the query asked for), in the
 * order to fold it. `before`: the session may hold earlier events, read with `?before=` that seq.
 */
export const sessionEventsSchema = z.object({ session: sessionSchema, events: z.array(timelineEventSchema), before: z.number().int().positive().optional() });
export type SessionEvents = z.infer<typeof sessionEventsSchema>;

/** POST /api/notifications/{seq}/redeliver: how many relay clients it was sent to. */
export const redeliveryResultSchema = z.object({ seq: z.number().int().positive(), clients: z.number().int().nonnegative() });

/** The console's own error shape, the same as its other /api errors: `{error: {code, message}}`. */
export const consoleErrorSchema = z.object({ error: z.object({ code: z.string(), message: z.string() }) });
export type ConsoleError = z.infer<typeof consoleErrorSchema>;

export const consoleError = (code: string, message: string): ConsoleError => ({ error: { code, message } });

// Compile-time checks that the wire schemas and the timeline's own types agree.
type Agrees<Wire, Domain> = Wire extends Domain ? true : false;
const wireMatchesTimeline: Agrees<z.infer<typeof timelineEventSchema>, TimelineEvent> = true;
const recordedMatchesTimeline: Agrees<z.infer<typeof recordedEventSchema>, RecordedEvent> = true;
void wireMatchesTimeline;
void recordedMatchesTimeline;

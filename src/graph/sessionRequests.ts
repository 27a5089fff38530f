/**
 * What the console's API (src/api/consoleApi.ts) checks requests against: the bodies and the query of the history's
 * endpoints. Apart from the shapes the page reads (sessions.ts), so the page's initial JS, which only reads, does not
 * build them: only the server and the mocks import this.
 */
import { z } from 'zod';
import { MAX_EVENTS_PER_POST, placedEventSchema, SESSION_NAME_MAX } from './sessions';

/** POST /api/sessions: ends the current session and starts a new one. */
export const startSessionBodySchema = z.strictObject({
  name: z.string().trim().min(1, { message: 'name must not be empty' }).max(SESSION_NAME_MAX, { message: `name must be at most ${SESSION_NAME_MAX} characters` }).optional(),
});

/** POST /api/sessions/{id}/events. */
export const appendEventsBodySchema = z.strictObject({
  events: z
    .array(placedEventSchema)
    .min(1, { message: 'events must hold at least one event' })
    .max(MAX_EVENTS_PER_POST, { message: `at most ${MAX_EVENTS_PER_POST} events per request` }),
});

/** The most `newest` one read of GET /api/sessions/{id}/events may ask for. */
export const SESSION_EVENTS_NEWEST_MAX = 10_000;

const wholeNumber = (name: string, meaning: string, max = Number.MAX_SAFE_INTEGER) =>
  z
    .string()
    .regex(/^[1-9]\d{0,15}$/, { message: `${name} must be a whole number from 1 (${meaning})` })
    .transform(Number)
    .refine((value) => value <= max, { message: `${name} must be at most ${max} (${meaning})` });

/**
 * GET /api/sessions/{id}/events?newest=N&before=S, both optional:
 * `before` keeps what the session holds before notification S (a seq an earlier answer named);
 * `newest` keeps only the newest N notifications of that and what was recorded after the oldest of them.
 */
export const sessionEventsQuerySchema = z.object({
  newest: wholeNumber('newest', 'how many of the newest notifications to send', SESSION_EVENTS_NEWEST_MAX).optional(),
  before: wholeNumber('before', 'the seq an earlier answer named: only what came before it is sent').optional(),
});
export type SessionEventsQuery = z.infer<typeof sessionEventsQuerySchema>;

/**
 * The console's own HTTP contracts between the SPA and whoever answers it
 * (msw in mock mode, the server in live mode). Graph has no "list calls" API,
 * so the console keeps its own list of the calls it knows.
 */
import { z } from 'zod';

/** What the console knows of a call: the simulator's calls, or calls seen in notifications. */
export const knownCallSchema = z.object({
  id: z.string(),
  label: z.string().optional(),
  state: z.string(),
  participants: z.array(z.object({ id: z.string(), displayName: z.string(), userId: z.string().optional() })),
  runningMedia: z.string().optional(),
  queuedMedia: z.number().int().nonnegative(),
  lastSeenAt: z.string().optional(),
});
export type KnownCall = z.infer<typeof knownCallSchema>;
export const knownCallsSchema = z.object({ calls: z.array(knownCallSchema) });

/** GET /api/config: what the server can do, and why not when it cannot. */
export const consoleConfigSchema = z.object({
  live: z.object({ available: z.boolean(), reason: z.string().optional() }),
  appId: z.string().optional(),
  callbackUrl: z.string().optional(),
  /** Why the callback URL may not be reachable by Graph yet. */
  callbackUrlNote: z.string().optional(),
});
export type ConsoleConfig = z.infer<typeof consoleConfigSchema>;

export const KNOWN_CALLS_PATH = '/api/known-calls';
export const CONFIG_PATH = '/api/config';
export const RELAY_PATH = '/relay';
/**
 * The relay's close reason (code 1013) while the server's notification log (Redis) cannot be reached;
 * the browser recognises it to say what to do. A close reason is at most 123 bytes.
 */
export const LOG_UNREACHABLE_REASON = 'The notification log (Redis) is unreachable; reconnecting until it is back.';
export const GRAPH_PROXY_PREFIX = '/graph';
/** The callback URL to register with Graph (POST, Graph's signed notifications). */
export const CALLBACK_PATH = '/api/calls';
/** POST: a bot that owns the callback URL passes notifications on (FORWARD_SECRET). */
export const FORWARD_PATH = '/api/forward';
/** Mock mode only: new demo calls. */
export const MOCK_RESET_PATH = '/api/mock/reset';

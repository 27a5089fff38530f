/**
 * The console's Redis connections (ioredis): commands fail at once while Redis
 * is unreachable (no offline queue: a notification must be refused with 503,
 * not held in this process's memory), reconnection goes on forever in the
 * background, and every failure to reach Redis becomes a LogUnavailableError.
 * Lua scripts run by their SHA1 and are sent again after Redis restarts.
 */
import { createHash } from 'node:crypto';
import { Redis } from 'ioredis';
import { LogUnavailableError } from './console-store';

/** How long a command may wait for Redis before the request is answered 503. */
const COMMAND_TIMEOUT_MS = 5_000;
const MAX_RECONNECT_DELAY_MS = 1_000;

export function connectRedis(url: string, options: { blocking?: boolean } = {}): Redis {
  return new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    retryStrategy: (attempt) => Math.min(50 * attempt, MAX_RECONNECT_DELAY_MS),
    connectTimeout: COMMAND_TIMEOUT_MS,
    // A blocking XREAD waits longer than any timeout would allow; it has its own BLOCK limit.
    ...(options.blocking ? {} : { commandTimeout: COMMAND_TIMEOUT_MS }),
  });
}

/** Replies meaning "Redis is there but cannot serve now" (loading its AOF, out of disk, a read-only replica...). */
const TRANSIENT_REPLY = /^(LOADING|BUSY|MISCONF|READONLY|MASTERDOWN|TRYAGAIN|NOREPLICAS|CLUSTERDOWN)\b/;

/** Whether the error means Redis could not be reached or could not serve (rather than a bug in a command). */
export function isRedisUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (error.name !== 'ReplyError') return true;
  return TRANSIENT_REPLY.test(error.message);
}

/** Runs `work`; a failure to reach Redis becomes LogUnavailableError, anything else is thrown as it is. */
export async function withRedis<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isRedisUnavailable(error)) throw new LogUnavailableError((error as Error).message);
    throw error;
  }
}

export type LuaScript = ReturnType<typeof luaScript>;

export function luaScript(source: string) {
  return { source, sha: createHash('sha1').update(source).digest('hex') };
}

/** EVALSHA, or EVAL when Redis does not have the script (first use, or after a restart). */
export async function runScript(redis: Redis, script: LuaScript, keys: readonly string[], args: readonly (string | number)[]): Promise<unknown> {
  try {
    return await redis.evalsha(script.sha, keys.length, ...keys, ...args);
  } catch (error) {
    if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
    return redis.eval(script.source, keys.length, ...keys, ...args);
  }
}

/** Chooses the store: Redis when REDIS_URL is set (a log shared by every instance), else SQLite under DATA_DIR. */
import type { ServerConfig } from './config';
import type { ConsoleStore } from './console-store';
import { openRedisStore } from './redis-store';
import { openSqliteStore } from './sqlite-store';

export async function openConsoleStore(config: ServerConfig, log: (line: string) => void): Promise<ConsoleStore> {
  if (config.redis) return openRedisStore({ url: config.redis.url, streamMaxEntries: config.redis.streamMaxEntries, log });
  return openSqliteStore(config.dataDir, log);
}

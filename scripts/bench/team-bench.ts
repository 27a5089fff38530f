/**
 * Team relay figures (REDIS_URL): on a redis-server the bench starts itself
 * (AOF, appendfsync always, as the tests run it),
 * - throughput at 10 clients, stored in Redis vs the SQLite single instance,
 *   measured in turns in the same run (relay-bench.ts's method), ROUNDS times;
 * - cross-instance delivery (cross-instance-bench.ts): two console processes
 *   on that Redis, signed POSTs to the first on an open-loop schedule of
 *   100/s, 10 clients on the second; latency from the scheduled POST.
 */
import { startRedisServer } from '../../server/test-support/redis-server';
import { measureCrossInstance, type CrossInstanceFigures } from './cross-instance-bench';
import type { NotificationIssuer } from './notification-issuer';
import { ROUNDS, startTarget } from './relay-bench';

export const TEAM_CLIENTS = 10;
export const CROSS_RATE = 100;

export interface TeamFigures {
  /** Notifications delivered to every client per second (median of the rounds). */
  sqliteThroughput: number;
  redisThroughput: number;
  /** Every round's figure, in the order measured, to show how steady they were. */
  sqliteRounds: number[];
  redisRounds: number[];
  cross: CrossInstanceFigures;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

export async function runTeamBench(issuer: NotificationIssuer): Promise<TeamFigures> {
  const throughputRounds = await compareThroughput(issuer);
  // A Redis of its own: the clients start at since=0, and the throughput phase's notifications reuse the same bench ids.
  const redis = await startRedisServer();
  try {
    const cross = await measureCrossInstance(redis.url, issuer, CROSS_RATE, TEAM_CLIENTS);
    return { ...throughputRounds, cross };
  } finally {
    await redis.stop();
  }
}

async function compareThroughput(issuer: NotificationIssuer): Promise<Omit<TeamFigures, 'cross'>> {
  const redis = await startRedisServer();
  try {
    const sqlite = await startTarget('full', TEAM_CLIENTS, issuer);
    const shared = await startTarget('redis', TEAM_CLIENTS, issuer, { redisUrl: redis.url }).catch(async (error: unknown) => {
      await sqlite.close();
      throw error;
    });
    const sqliteRounds: number[] = [];
    const redisRounds: number[] = [];
    try {
      for (let round = 0; round < ROUNDS; round += 1) {
        sqliteRounds.push(await sqlite.throughput());
        redisRounds.push(await shared.throughput());
      }
    } finally {
      await Promise.all([sqlite.close(), shared.close()]);
    }
    return { sqliteThroughput: median(sqliteRounds), redisThroughput: median(redisRounds), sqliteRounds, redisRounds };
  } finally {
    await redis.stop();
  }
}

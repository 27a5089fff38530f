/**
 * Team relay figures (REDIS_URL): on a redis-server the bench starts itself
 * (AOF, appendfsync always, as the tests run it),
 * - throughput at 10 clients, stored in Redis vs the SQLite single instance,
 *   measured in turns in the same run (relay-bench.ts's method), ROUNDS times;
 * - cross-instance delivery: two console processes on that Redis, signed
 *   POSTs to the first at a steady 100/s, 10 clients on the second; latency
 *   from the scheduled POST to arrival on the other instance.
 */
import { startRedisServer } from '../../server/test-support/redis-server';
import type { NotificationIssuer } from './notification-issuer';
import { ROUNDS, startTarget } from './relay-bench';
import type { Summary } from './stats';

export const TEAM_CLIENTS = 10;
export const CROSS_RATE = 100;

export interface TeamFigures {
  /** Notifications delivered to every client per second (median of the rounds). */
  sqliteThroughput: number;
  redisThroughput: number;
  cross: Pick<Summary, 'p50' | 'p99'>;
  /** Cross-instance notifications not delivered to every client in time. */
  undelivered: number;
  failedPosts: number;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

export async function runTeamBench(issuer: NotificationIssuer): Promise<TeamFigures> {
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

    const cross = await startTarget('redis', TEAM_CLIENTS, issuer, { redisUrl: redis.url, crossInstance: true });
    try {
      const p50: number[] = [];
      const p99: number[] = [];
      let undelivered = 0;
      for (let round = 0; round < ROUNDS; round += 1) {
        const run = await cross.latencyAtRate(CROSS_RATE);
        p50.push(run.latency.p50);
        p99.push(run.latency.p99);
        undelivered += run.undelivered;
      }
      return {
        sqliteThroughput: median(sqliteRounds),
        redisThroughput: median(redisRounds),
        cross: { p50: median(p50), p99: median(p99) },
        undelivered,
        failedPosts: cross.failedPosts(),
      };
    } finally {
      await cross.close();
    }
  } finally {
    await redis.stop();
  }
}

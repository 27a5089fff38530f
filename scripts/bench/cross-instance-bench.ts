/**
 * Cross-instance delivery on one Redis: two console processes (A and B) with
 * the same REDIS_URL, signed POSTs to A on an open-loop schedule (each sent
 * when it is due, whatever happened to the ones before, so an instance that
 * falls behind is charged for it), CLIENTS relay clients on B. Latency runs
 * from each notification's scheduled send time to its arrival at each client
 * of B, over every (notification, client) pair of the measured part.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ServerProcess } from '../../server/test-support/server-process';
import type { NotificationIssuer } from './notification-issuer';
import { spawnBenchConsole } from './bench-console';
import { benchNotification, createPoster } from './poster';
import { connectRelayClients } from './relay-clients';
import { summarize, type Summary } from './stats';

/** Not measured: JIT, the JWKS fetch, Redis's first script loads. */
const WARM_UP_S = 3;
/** Enough for a p99 resting on a few hundred (notification, client) arrivals above it, not on a handful. */
export const CROSS_MEASURED_S = 30;
const DELIVERY_TIMEOUT_MS = 15_000;

export interface CrossInstanceFigures {
  rate: number;
  clients: number;
  seconds: number;
  /** From the scheduled POST to A to arrival at a client of B, every (notification, client) pair. */
  latency: Summary;
  /** Measured notifications not delivered to every client of B within the timeout. */
  undelivered: number;
  /** Arrivals beyond one per (notification, client): a duplicate from the relay. */
  duplicates: number;
  /** POSTs to A not answered 202 (warm-up included). */
  failedPosts: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function measureCrossInstance(redisUrl: string, issuer: NotificationIssuer, rate: number, clients: number): Promise<CrossInstanceFigures> {
  const started: ServerProcess[] = [];
  const dataDirs: string[] = [];
  const startConsole = async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'comms-console-bench-cross-'));
    dataDirs.push(dataDir);
    const server = await spawnBenchConsole(issuer, { dataDir, env: { REDIS_URL: redisUrl } });
    started.push(server);
    return server;
  };

  const warmUp = WARM_UP_S * rate;
  const total = warmUp + CROSS_MEASURED_S * rate;
  const scheduledAt = new Float64Array(total);
  const arrivals = new Uint16Array(total);
  const latencies = new Float64Array(CROSS_MEASURED_S * rate * clients);
  let measured = 0;
  let complete = 0;
  let duplicates = 0;
  let failedPosts = 0;

  try {
    const [a, b] = [await startConsole(), await startConsole()];
    const poster = createPoster(a?.port ?? 0, 64);
    const relay = await connectRelayClients(b?.port ?? 0, clients, (id, at) => {
      if (id < 0 || id >= total) return;
      arrivals[id] = (arrivals[id] ?? 0) + 1;
      if ((arrivals[id] ?? 0) > clients) {
        duplicates += 1;
        return;
      }
      if (id >= warmUp && measured < latencies.length) latencies[measured++] = at - (scheduledAt[id] ?? at);
      if (arrivals[id] === clients) complete += 1;
    });
    try {
      const authorization = `Bearer ${await issuer.sign()}`;
      const pending: Promise<void>[] = [];
      const start = performance.now();
      for (let id = 0; id < total; ) {
        const due = Math.min(total, Math.floor(((performance.now() - start) * rate) / 1000) + 1);
        for (; id < due; id += 1) {
          scheduledAt[id] = start + (id * 1000) / rate;
          pending.push(poster.post('/api/calls', { authorization }, benchNotification(id)).then((status) => void (status === 202 || (failedPosts += 1))));
        }
        await sleep(1);
      }
      await Promise.all(pending);
      const deadline = performance.now() + DELIVERY_TIMEOUT_MS;
      while (complete < total - failedPosts && performance.now() < deadline) await sleep(5);
    } finally {
      await relay.close();
      poster.close();
    }
    let undelivered = 0;
    for (let id = warmUp; id < total; id += 1) if ((arrivals[id] ?? 0) < clients) undelivered += 1;
    return { rate, clients, seconds: CROSS_MEASURED_S, latency: summarize(latencies.subarray(0, measured)), undelivered, duplicates, failedPosts };
  } finally {
    await Promise.all(started.map((server) => server.stop()));
    for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
  }
}

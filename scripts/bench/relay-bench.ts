/**
 * Relay figures: signed notification POSTs to /api/calls → arrival at N
 * websocket clients, for three servers:
 * - bare: a bare ws relay (bare-relay.ts: node:http + ws, the body sent on
 *   as it is; no checks, no store), the yardstick the targets are set against;
 * - baseline: the console with its verifier and store swapped out
 *   (console-entry.ts), which shows what the framework, routing and
 *   checks cost apart from JWT and storage;
 * - full: the real console (JWT verified, body validated, stored in SQLite).
 * All run side by side, each in its own process with its own N clients, and
 * are measured in turns, ROUNDS times; each figure is the median of its
 * rounds, so a burst of load from elsewhere on a shared machine hits all and
 * skews none much. Where the machine allows (cpu-pinning.ts), the servers
 * share one core and this process the other, so the load generator never
 * takes the servers' CPU.
 *
 * - Throughput: senders POST as fast as they can, but keep at most WINDOW
 *   notifications not yet delivered to every client (the server's buffers
 *   stay small and no client is shed); notifications delivered to all N
 *   clients per second, from the first POST to the last arrival.
 * - Latency at a fixed rate: an open-loop schedule of RATE per second, so a
 *   server that falls behind is charged for it (latency is counted from the
 *   scheduled send time); p50/p99 over every (notification, client) arrival.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { NotificationIssuer } from './notification-issuer';
import { spawnBenchConsole } from './bench-console';
import { benchNotification, createPoster } from './poster';
import { connectRelayClients } from './relay-clients';
import { pinToServerCore } from './cpu-pinning';
import { summarize, type Summary } from './stats';

/**
 * bare: a bare ws relay (no console at all); baseline: the console without verification or storage;
 * full: verified + stored in SQLite; redis: verified + stored in Redis (scripts/bench/team-bench.ts).
 */
export type Variant = 'bare' | 'full' | 'baseline' | 'redis';

export interface TargetOptions {
  /** Store in this Redis instead of SQLite. */
  redisUrl?: string;
  /** Put the server on their own core (cpu-pinning.ts); the caller pins itself with withBenchPinned. */
  pin?: boolean;
}

export interface RelayRun {
  variant: Variant;
  clients: number;
  /** Notifications delivered to every client, per second (median of the rounds). */
  throughput: number;
  /** Median of the rounds' p50 and p99. */
  latency: Pick<Summary, 'p50' | 'p99'>;
  /** Notifications of the latency phases not delivered to every client in time. */
  undelivered: number;
  /** POSTs not answered 202. */
  failedPosts: number;
}

const BARE_ENTRY = fileURLToPath(new URL('./bare-relay.ts', import.meta.url));
export const ROUNDS = 3;
const WARM_UP = 300;
const THROUGHPUT_MS = 2_000;
const MAX_IDS = 200_000;
const SENDERS = 32;
const WINDOW = 256;
export const RATE = 1_000;
export const RATE_MS = 2_000;
const DELIVERY_TIMEOUT_MS = 15_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

export interface RelayTarget {
  throughput(): Promise<number>;
  latencyAtRate(rate?: number): Promise<{ latency: Summary; undelivered: number }>;
  failedPosts(): number;
  close(): Promise<void>;
}

export async function startTarget(variant: Variant, clients: number, issuer: NotificationIssuer, options: TargetOptions = {}): Promise<RelayTarget> {
  const dataDir = mkdtempSync(join(tmpdir(), 'comms-console-bench-'));
  const startConsole = async () => {
    const started = await spawnBenchConsole(issuer, {
      dataDir,
      ...(variant === 'bare' ? { entry: BARE_ENTRY } : {}),
      env: {
        ...(variant === 'baseline' ? { BENCH_BASELINE: '1' } : {}),
        ...(options.redisUrl ? { REDIS_URL: options.redisUrl } : {}),
      },
    });
    if (options.pin) pinToServerCore(started.pid);
    return started;
  };
  const server = await startConsole();
  const port = server.port;
  const poster = createPoster(port, SENDERS * 2);
  const authorization = `Bearer ${await issuer.sign()}`;

  const origin = new Float64Array(MAX_IDS); // when each id was sent (or scheduled)
  const arrivals = new Uint16Array(MAX_IDS);
  let latencies: number[] = [];
  let measuringLatencyFrom = Number.POSITIVE_INFINITY;
  let complete = 0;
  let lastCompleteAt = 0;
  let failedPosts = 0;
  let next = 0;
  const waiters = new Set<() => void>();

  const relay = await connectRelayClients(port, clients, (id, at) => {
    if (id < 0 || id >= MAX_IDS) return;
    arrivals[id] = (arrivals[id] ?? 0) + 1;
    if (id >= measuringLatencyFrom) latencies.push(at - (origin[id] ?? at));
    if (arrivals[id] === clients) {
      complete += 1;
      lastCompleteAt = at;
      for (const wake of waiters) wake();
      waiters.clear();
    }
  });
  const send = async (id: number, scheduledAt?: number) => {
    origin[id] = scheduledAt ?? performance.now();
    if ((await poster.post('/api/calls', { authorization }, benchNotification(id))) !== 202) failedPosts += 1;
  };
  const waitForComplete = async (count: number) => {
    const deadline = performance.now() + DELIVERY_TIMEOUT_MS;
    while (complete < count && performance.now() < deadline) await sleep(5);
  };
  const close = async () => {
    await relay.close();
    poster.close();
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    // Warm-up: JIT, the JWKS fetch, SQLite's first pages.
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        while (next < WARM_UP) await send(next++);
      }),
    );
    await waitForComplete(WARM_UP);
  } catch (error) {
    await close();
    throw error;
  }

  return {
    failedPosts: () => failedPosts,
    close,
    async throughput() {
      const firstId = next;
      const completeBefore = complete;
      const started = performance.now();
      const stopSending = started + THROUGHPUT_MS;
      await Promise.all(
        Array.from({ length: SENDERS }, async () => {
          while (performance.now() < stopSending && next < MAX_IDS - RATE * 10) {
            if (next - firstId - (complete - completeBefore) >= WINDOW) {
              await new Promise<void>((resolve) => {
                waiters.add(resolve);
                setTimeout(resolve, 50);
              });
              continue;
            }
            await send(next++);
          }
        }),
      );
      await waitForComplete(completeBefore + (next - firstId));
      return ((complete - completeBefore) / (lastCompleteAt - started)) * 1000;
    },
    async latencyAtRate(rate = RATE) {
      const first = next;
      const total = Math.round((rate * RATE_MS) / 1000);
      next += total;
      latencies = [];
      measuringLatencyFrom = first;
      const completeBefore = complete;
      const started = performance.now();
      const pending: Promise<void>[] = [];
      for (let i = 0; i < total; ) {
        const due = Math.min(total, Math.floor(((performance.now() - started) * rate) / 1000) + 1);
        for (; i < due; i += 1) pending.push(send(first + i, started + (i * 1000) / rate));
        await sleep(1);
      }
      await Promise.all(pending);
      await waitForComplete(completeBefore + total);
      measuringLatencyFrom = Number.POSITIVE_INFINITY;
      return { latency: summarize(latencies), undelivered: completeBefore + total - complete };
    },
  };
}

/** The bare relay, the baseline and the real path for N clients, measured in turns. */
export async function compareRelay(clients: number, issuer: NotificationIssuer): Promise<RelayRun[]> {
  const variants: Variant[] = ['bare', 'baseline', 'full'];
  const targets = await Promise.all(variants.map((variant) => startTarget(variant, clients, issuer, { pin: true })));
  try {
    const rounds = variants.map(() => ({ throughput: [] as number[], p50: [] as number[], p99: [] as number[], undelivered: 0 }));
    for (let round = 0; round < ROUNDS; round += 1) {
      for (const [index, target] of targets.entries()) rounds[index]?.throughput.push(await target.throughput());
      for (const [index, target] of targets.entries()) {
        const { latency, undelivered } = await target.latencyAtRate();
        const record = rounds[index];
        if (!record) continue;
        record.p50.push(latency.p50);
        record.p99.push(latency.p99);
        record.undelivered += undelivered;
      }
    }
    return variants.map((variant, index) => {
      const record = rounds[index] ?? { throughput: [], p50: [], p99: [], undelivered: 0 };
      return {
        variant,
        clients,
        throughput: median(record.throughput),
        latency: { p50: median(record.p50), p99: median(record.p99) },
        undelivered: record.undelivered,
        failedPosts: targets[index]?.failedPosts() ?? 0,
      };
    });
  } finally {
    await Promise.all(targets.map((target) => target.close()));
  }
}

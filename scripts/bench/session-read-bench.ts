/**
 * The relay while a large session is read: a console with a 100 MB ended
 * session in its DATA_DIR, one relay client, signed notifications POSTed at
 * RATE per second (open loop, latency counted from the scheduled send), and
 * the relay's p99 measured twice: once with nothing else going on, once
 * while `GET /api/sessions/{id}/events` downloads that session over and
 * over, from a process of its own (session-downloader.ts). Everything on
 * 127.0.0.1, bounded by PHASE_MS per phase.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { fork } from 'node:child_process';
import { setPriority, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DATABASE_FILE, openDatabase } from '../../server/database';
import type { NotificationIssuer } from './notification-issuer';
import { spawnBenchConsole } from './bench-console';
import { benchNotification, createPoster } from './poster';
import { connectRelayClients } from './relay-clients';
import { summarize, type Summary } from './stats';

export interface SessionReadFigures {
  rate: number;
  sessionMb: number;
  idle: Pick<Summary, 'p50' | 'p99'>;
  reading: Pick<Summary, 'p50' | 'p99'>;
  /** Full downloads of the session during the reading phase, and how long one took (median). */
  downloads: number;
  downloadMs: number;
  undelivered: number;
}

export const SESSION_READ_RATE = 100;
const PHASE_MS = 10_000;
const SESSION_BYTES = 100 * 1024 * 1024;
const NOTIFICATION_PADDING = 'x'.repeat(2_000);
const SESSION_ID = '5e55105e-0000-4000-8000-00000000b16b';
const DELIVERY_TIMEOUT_MS = 15_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** An ended session of about SESSION_BYTES of notifications, and a current one after it. */
function seed(dataDir: string): { bytes: number } {
  openDatabase(dataDir).close();
  const db = new Database(join(dataDir, DATABASE_FILE));
  const body = JSON.stringify({ value: [{ changeType: 'updated', resourceUrl: '/communications/calls/bench-seed', padding: NOTIFICATION_PADDING }] });
  const count = Math.ceil(SESSION_BYTES / body.length);
  const insert = db.prepare('INSERT INTO notifications (received_at, verified, source, body) VALUES (?, 1, ?, ?)');
  const at = new Date().toISOString();
  db.transaction(() => {
    for (let i = 0; i < count; i += 1) insert.run(at, 'graph', body);
    db.prepare('INSERT INTO sessions (id, name, started_at, ended_at, start_seq, end_seq) VALUES (?, ?, ?, ?, 0, ?)').run(SESSION_ID, 'Bench: large', at, at, count);
    db.prepare('INSERT INTO sessions (id, name, started_at, start_seq) VALUES (?, ?, ?, ?)').run('5e55105e-0000-4000-8000-00000000c0de', 'Bench: current', at, count);
  })();
  db.close();
  return { bytes: count * body.length };
}

/**
 * Downloads the session over and over in a child process (session-downloader.ts) until stopped; stop() gives
 * the time each full download took.
 */
function startDownloads(port: number): { stop(): Promise<number[]> } {
  const times: number[] = [];
  const child = fork(fileURLToPath(new URL('./session-downloader.ts', import.meta.url)), [String(port), `/api/sessions/${SESSION_ID}/events`], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  // It stands for another machine's browser: on this one it takes only the CPU the server and the bench leave.
  if (child.pid !== undefined) setPriority(child.pid, 19);
  child.on('message', (message: { ms: number }) => times.push(message.ms));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  return {
    async stop() {
      if (child.connected) child.disconnect();
      const code = await exited;
      if (code !== 0) throw new Error(`the session downloader stopped with code ${code ?? 'none'}`);
      return times;
    },
  };
}

export async function runSessionReadBench(issuer: NotificationIssuer): Promise<SessionReadFigures> {
  const dataDir = mkdtempSync(join(tmpdir(), 'comms-console-bench-session-'));
  const seeded = seed(dataDir);
  const server = await spawnBenchConsole(issuer, { dataDir });
  const port = server.port;
  const poster = createPoster(port, 8);
  const authorization = `Bearer ${await issuer.sign()}`;
  const sentAt = new Map<number, number>();
  let latencies: number[] = [];
  let delivered = 0;
  const relay = await connectRelayClients(port, 1, (id, at) => {
    const origin = sentAt.get(id);
    if (origin === undefined) return;
    sentAt.delete(id);
    latencies.push(at - origin);
    delivered += 1;
  });
  let next = 0;

  /** RATE per second for PHASE_MS, open loop; p50/p99 from the scheduled send to arrival. */
  const phase = async (): Promise<{ latency: Summary; undelivered: number }> => {
    latencies = [];
    const deliveredBefore = delivered;
    const total = Math.round((SESSION_READ_RATE * PHASE_MS) / 1000);
    const first = next;
    next += total;
    const started = performance.now();
    const pending: Promise<unknown>[] = [];
    for (let i = 0; i < total; ) {
      const due = Math.min(total, Math.floor(((performance.now() - started) * SESSION_READ_RATE) / 1000) + 1);
      for (; i < due; i += 1) {
        sentAt.set(first + i, started + (i * 1000) / SESSION_READ_RATE);
        pending.push(poster.post('/api/calls', { authorization }, benchNotification(first + i)));
      }
      await sleep(2);
    }
    await Promise.all(pending);
    const deadline = performance.now() + DELIVERY_TIMEOUT_MS;
    while (delivered - deliveredBefore < total && performance.now() < deadline) await sleep(5);
    return { latency: summarize(latencies), undelivered: total - (delivered - deliveredBefore) };
  };

  try {
    // Warm-up: JIT, the JWKS fetch, SQLite's first pages.
    await phase();
    const idle = await phase();
    const downloads = startDownloads(port);
    const busy = await phase();
    const downloadTimes = await downloads.stop();
    const sorted = [...downloadTimes].sort((a, b) => a - b);
    return {
      rate: SESSION_READ_RATE,
      sessionMb: Math.round(seeded.bytes / (1024 * 1024)),
      idle: { p50: idle.latency.p50, p99: idle.latency.p99 },
      reading: { p50: busy.latency.p50, p99: busy.latency.p99 },
      downloads: downloadTimes.length,
      downloadMs: sorted[Math.floor(sorted.length / 2)] ?? Number.NaN,
      undelivered: idle.undelivered + busy.undelivered,
    };
  } finally {
    await relay.close();
    poster.close();
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * `npm run bench`: measures the relay, the proxy, forwarding to a bot, the timeline in Chromium
 * and the bundle, prints the figures as a markdown table with the machine
 * they were measured on, and writes the same to docs/bench.md. It never
 * fails for being slow — a missed target is a figure — and exits non-zero
 * only if the bench itself crashes.
 *
 * BENCH_ONLY=relay,session-read,team,proxy,forward,timeline,bundle runs some parts only
 * (the others say they did not run).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildDist, measureBundle } from './bundle-bench';
import { runForwardBench } from './forward-bench';
import { withBenchPinned } from './cpu-pinning';
import { describeMachine } from './machine';
import { startNotificationIssuer } from './notification-issuer';
import { runProxyBench } from './proxy-bench';
import { compareRelay, type RelayRun } from './relay-bench';
import { renderReport, type BenchResults, type Outcome } from './report';
import { runSessionReadBench } from './session-read-bench';
import { runTeamBench } from './team-bench';
import { chromiumPath, runTimelineBench } from './timeline-bench';

const REPORT_FILE = fileURLToPath(new URL('../../docs/bench.md', import.meta.url));
const only = new Set((process.env.BENCH_ONLY ?? 'relay,session-read,team,proxy,forward,timeline,bundle').split(',').map((part) => part.trim()));

async function attempt<T>(part: string, run: () => Promise<T>): Promise<Outcome<T>> {
  if (!only.has(part)) return { ok: false, error: 'left out by BENCH_ONLY' };
  const started = performance.now();
  console.error(`bench: ${part}…`);
  try {
    const value = await run();
    console.error(`bench: ${part} done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    return { ok: true, value };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    console.error(`bench: ${part} failed: ${message}`);
    return { ok: false, error: message };
  }
}

const startedAt = new Date();
const started = performance.now();
const issuer = await startNotificationIssuer();
const distDir = mkdtempSync(join(tmpdir(), 'comms-console-bench-dist-'));
try {
  const bundle = await attempt('bundle', async () => {
    await buildDist(distDir);
    return measureBundle(distDir);
  });
  const relay = await attempt('relay', async () => {
    const runs: RelayRun[] = [];
    await withBenchPinned(async () => {
      for (const clients of [1, 10, 100]) runs.push(...(await compareRelay(clients, issuer)));
    });
    return runs;
  });
  const sessionRead = await attempt('session-read', () => runSessionReadBench(issuer));
  const team = await attempt('team', () => runTeamBench(issuer));
  const proxy = await attempt('proxy', runProxyBench);
  const forward = await attempt('forward', () => runForwardBench(issuer));
  const timeline = await attempt('timeline', async () => {
    if (!bundle.ok) await buildDist(distDir);
    return runTimelineBench(distDir, issuer, chromiumPath());
  });

  const results: BenchResults = { machine: describeMachine(), startedAt, durationS: (performance.now() - started) / 1000, relay, sessionRead, team, proxy, forward, timeline, bundle };
  const report = renderReport(results);
  console.log(report);
  mkdirSync(join(REPORT_FILE, '..'), { recursive: true });
  writeFileSync(REPORT_FILE, report);
  console.error(`bench: written to ${REPORT_FILE}`);
} finally {
  await issuer.close();
  rmSync(distDir, { recursive: true, force: true });
}

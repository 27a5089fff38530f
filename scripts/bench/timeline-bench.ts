/**
 * Timeline figures in Chromium (Playwright, /usr/bin/chromium where it is):
 * - Show 10,000: a live console holds 10,000 notifications (5,000 operations,
 *   each created then deleted, fed as signed POSTs to /api/calls); a page
 *   opens in Live mode and is timed from navigation until its timeline shows
 *   the newest one (the relay replays them all to a new page).
 * - Per update: then 100 notifications a second arrive for a few seconds;
 *   each is timed from its arrival on the page's websocket to the timeline
 *   showing it, with the gaps between frames and the long tasks meanwhile.
 * Every wait is bounded: a timeline too slow to finish is reported as such.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from '@playwright/test';
import { throwawaySecret } from '../../e2e/fake-graph/throwaway-secret';
import { freePort, spawnServer } from '../../server/test-support/server-process';
import { BENCH_CLIENT_ID, BENCH_TENANT_ID, type NotificationIssuer } from './notification-issuer';
import { benchNotification, createPoster } from './poster';
import { summarize, type Summary } from './stats';
import { installTimelineProbe, type TimelineProbe } from './timeline-probe';

export interface TimelineFigures {
  browser: string;
  notifications: number;
  /** From navigation to the newest of them shown; undefined when not within the time allowed. */
  showAllMs?: number;
  highestShown: number;
  rowsInDom: number;
  /** Relay notifications the page received while loading, and page loads (a reload restarts the clock). */
  arrivalsWhileLoading: number;
  pageLoads: number;
  streamRate: number;
  /** Arrival on the page → shown, per notification of the stream. */
  update: Summary;
  /** Notifications of the stream not shown in the time allowed. */
  notShown: number;
  frameGaps: Summary;
  longTasks: { count: number; totalMs: number; maxMs: number };
}

const CONSOLE_ENTRY = fileURLToPath(new URL('./console-entry.ts', import.meta.url));
const DEBIAN_CHROMIUM = '/usr/bin/chromium';
const HISTORY = 10_000;
const STREAM_RATE = 100;
const STREAM_MS = 5_000;
const SHOW_ALL_TIMEOUT_MS = 120_000;
const STREAM_SETTLE_MS = 30_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const readProbe = (page: Page) =>
  page.evaluate(() => {
    const probe = window.__timelineBench as TimelineProbe;
    return { arrivals: probe.arrivals, shown: probe.shown, frames: probe.frames, longTasks: probe.longTasks, highest: probe.highestShown(), rows: probe.rowsInDom() };
  });

export async function runTimelineBench(distDir: string, issuer: NotificationIssuer, executablePath: string | undefined): Promise<TimelineFigures> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'comms-console-bench-ui-'));
  const server = await spawnServer({
    entry: CONSOLE_ENTRY,
    keepOutput: false,
    env: {
      HOST: '127.0.0.1',
      PORT: String(port),
      DATA_DIR: dataDir,
      DIST_DIR: distDir,
      GRAPH_TENANT_ID: BENCH_TENANT_ID,
      GRAPH_CLIENT_ID: BENCH_CLIENT_ID,
      // Live mode on, but nothing reachable beyond this machine: any Graph call fails at once.
      GRAPH_CLIENT_SECRET: throwawaySecret(),
      GRAPH_BASE_URL: 'http://127.0.0.1:9',
      GRAPH_AUTHORITY_HOST: 'https://127.0.0.1:9',
      NOTIFY_OPENID_CONFIG_URL: issuer.openIdConfigUrl,
    },
  });
  const poster = createPoster(port, 16);
  const authorization = `Bearer ${await issuer.sign()}`;
  // Notification n: operation ceil(n/2), created (odd n) then deleted (even n).
  const post = (n: number) => poster.post('/api/calls', { authorization }, benchNotification(n, n % 2 === 1 ? 'created' : 'deleted', Math.ceil(n / 2)));
  const browser = await chromium.launch({
    ...(executablePath ? { executablePath } : {}),
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    let next = 1;
    await Promise.all(Array.from({ length: 16 }, async () => {
      while (next <= HISTORY) await post(next++);
    }));

    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    let pageLoads = 0;
    page.on('load', () => (pageLoads += 1));
    // tsx (esbuild, keepNames) wraps functions in __name(...): the serialised probe needs that helper in the page.
    await page.addInitScript({ content: `var __name = (target) => target; (${installTimelineProbe.toString()})();` });
    await page.goto(`http://127.0.0.1:${port}/`);
    let showAllMs: number | undefined;
    try {
      await page.waitForFunction((seq) => (window.__timelineBench?.highestShown() ?? 0) >= seq, HISTORY, { timeout: SHOW_ALL_TIMEOUT_MS, polling: 100 });
      showAllMs = (await readProbe(page)).shown.find(([, seq]) => seq >= HISTORY)?.[0];
    } catch {
      // Not within the time allowed: reported as such below.
    }
    const loaded = await readProbe(page);

    // The stream, paced from here (open loop), while the page measures.
    await page.evaluate(() => {
      (window.__timelineBench as TimelineProbe).measuring = true;
    });
    const first = next;
    const total = Math.round((STREAM_RATE * STREAM_MS) / 1000);
    const started = performance.now();
    const pending: Promise<number>[] = [];
    for (let i = 0; i < total; ) {
      const due = Math.min(total, Math.floor(((performance.now() - started) * STREAM_RATE) / 1000) + 1);
      for (; i < due; i += 1) pending.push(post(first + i));
      await sleep(2);
    }
    const streamRate = (total / (performance.now() - started)) * 1000;
    await Promise.all(pending);
    const last = first + total - 1;
    try {
      await page.waitForFunction((seq) => (window.__timelineBench?.highestShown() ?? 0) >= seq, last, { timeout: STREAM_SETTLE_MS, polling: 100 });
    } catch {
      // Counted as not shown below.
    }
    await page.evaluate(() => {
      (window.__timelineBench as TimelineProbe).measuring = false;
    });
    const after = await readProbe(page);

    // Each seq is shown at the first change whose highest shown seq reaches it.
    const updates: number[] = [];
    let notShown = 0;
    let cursor = 0;
    for (let seq = first; seq <= last; seq += 1) {
      while (cursor < after.shown.length && (after.shown[cursor]?.[1] ?? 0) < seq) cursor += 1;
      const arrived = after.arrivals[seq];
      const shownAt = after.shown[cursor]?.[0];
      if (arrived === undefined || shownAt === undefined) notShown += 1;
      else updates.push(Math.max(0, shownAt - arrived));
    }
    return {
      browser: `Chromium ${browser.version()}`,
      notifications: HISTORY,
      ...(showAllMs === undefined ? {} : { showAllMs }),
      highestShown: loaded.highest,
      arrivalsWhileLoading: Object.keys(loaded.arrivals).length,
      pageLoads,
      rowsInDom: loaded.rows,
      streamRate,
      update: summarize(updates),
      notShown,
      frameGaps: summarize(after.frames),
      longTasks: { count: after.longTasks.length, totalMs: after.longTasks.reduce((sum, duration) => sum + duration, 0), maxMs: Math.max(0, ...after.longTasks) },
    };
  } finally {
    await browser.close();
    poster.close();
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Debian's chromium where it is installed (these machines cannot download Playwright's own). */
export function chromiumPath(): string | undefined {
  return existsSync(DEBIAN_CHROMIUM) ? DEBIAN_CHROMIUM : undefined;
}

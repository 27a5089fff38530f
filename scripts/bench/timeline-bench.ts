/**
 * Timeline figures in Chromium (Playwright, /usr/bin/chromium where it is), one console server:
 * - Pan and zoom: with 1,000 operations (2,000 notifications over 50 calls) in the Swimlanes, the
 *   chart is panned (arrow keys, Page Down) and zoomed (+ and -, Ctrl+wheel) as a user would, and
 *   the frames per second counted meanwhile.
 * - Show 10,000: the console then holds 10,000 notifications (5,000 operations, each created then
 *   completed, over 50 calls, fed as signed POSTs to /api/calls); a page opens in Live mode in a fresh
 *   browser context and is timed from navigation until its timeline shows the newest one, in each
 *   view; then the same context navigates there again, its code now in the browser's caches, as when
 *   a user comes back to the console.
 * - Stream: 100 notifications a second are POSTed for a few seconds while a page shows the timeline;
 *   each is timed from the start of its POST (here) to the timeline showing it (in the page, on the
 *   same epoch clock, the offset between the two measured), with the frame gaps and long tasks meanwhile.
 * Both are measured for a bare page too (bare-timeline-page.ts), in the same run from the same server:
 * what showing the newest notifications costs on this machine before the console adds anything. Both are
 * timed in 3 rounds, the pages in turns, and the median round of each page is reported.
 * Every wait is bounded: a timeline too slow to finish is reported as such.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import { throwawaySecret } from '../../e2e/fake-graph/throwaway-secret';
import { MODE_COOKIE } from '../../src/graph/firstScreen';
import type { NotificationIssuer } from './notification-issuer';
import { BARE_PAGE_PATH, writeBarePage } from './bare-timeline-page';
import { spawnBenchConsole } from './bench-console';
import { createPoster } from './poster';
import { summarize, type Summary } from './stats';
import { installTimelineProbe, type TimelineProbe } from './timeline-probe';

export type TimelineView = 'swimlanes' | 'list';
/** A view of the console, or the bare page the console's figures are read against. */
export type TimelinePage = TimelineView | 'bare page';

export interface ShowAllFigures {
  view: TimelinePage;
  /** A first visit (a fresh browser context), or the next one in the same context (code cached). */
  visit: 'first' | 'again';
  /** From navigation to the newest notification shown; undefined when not within the time allowed. */
  showAllMs?: number;
  /** From navigation to the console's own timeline showing the newest (in place of the server's first screen); undefined when not within the time allowed. */
  workingMs?: number;
  highestShown: number;
  rowsInDom: number;
  pageLoads: number;
}

export interface StreamFigures {
  view: TimelinePage;
  rate: number;
  /** Start of the POST → shown in the page, per notification of the stream. */
  postToShown: Summary;
  /** Start of the POST → arrival on the page's websocket (the server's and the socket's share). */
  postToArrival: Summary;
  /** Notifications of the stream not shown in the time allowed. */
  notShown: number;
  frameGaps: Summary;
  longTasks: { count: number; totalMs: number; maxMs: number };
  /** The uncertainty of the page clock's offset from the bench's (half the best round trip). */
  clockUncertaintyMs: number;
}

export interface PanZoomFigures {
  operations: number;
  calls: number;
  /** Frames per second while panning and zooming. */
  fps: number;
  frameGaps: Summary;
  rowsInDom: number;
  inputs: number;
  seconds: number;
}

export interface TimelineFigures {
  browser: string;
  /** Rounds each page was timed in; the figures are the median round's. */
  rounds: number;
  notifications: number;
  calls: number;
  showAll: ShowAllFigures[];
  stream: StreamFigures[];
  panZoom?: PanZoomFigures;
}

const DEBIAN_CHROMIUM = '/usr/bin/chromium';
const HISTORY = 10_000;
const CALLS = 50;
const PAN_ZOOM_OPERATIONS = 1_000;
const STREAM_RATE = 100;
const STREAM_MS = 5_000;
const STREAM_TOTAL = Math.round((STREAM_RATE * STREAM_MS) / 1000);
const SHOW_ALL_TIMEOUT_MS = 60_000;
const STREAM_SETTLE_MS = 30_000;
const VIEWS: readonly TimelineView[] = ['swimlanes', 'list'];
const PAGES: readonly TimelinePage[] = [...VIEWS, 'bare page'];
/** As many as the console asks for first (src/features/sessions/preload.ts). */
const BARE_NEWEST = 300;

/**
 * Each page's visits and streams are timed this many times, in turns, and the median round reported: on a shared
 * machine one round can be far off (a stream's p99 moved by half between two rounds minutes apart).
 */
const ROUNDS = 3;

/** The middle one of `rounds` by `key`; a figure not reached in time (undefined) counts as the slowest. */
function medianRound<T>(rounds: readonly T[], key: (round: T) => number | undefined): T {
  const sorted = [...rounds].sort((a, b) => (key(a) ?? Infinity) - (key(b) ?? Infinity));
  const middle = sorted[Math.floor((sorted.length - 1) / 2)];
  if (middle === undefined) throw new Error('no round was timed');
  return middle;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const epochNow = () => performance.timeOrigin + performance.now();

/** Notification n: operation ceil(n/2) on call (operation mod 50), created (odd n) then completed (even n). */
function timelineNotification(n: number): string {
  const operation = Math.ceil(n / 2);
  const created = n % 2 === 1;
  const call = `be9c0000-0000-4000-8000-${String(operation % CALLS).padStart(12, '0')}`;
  const id = `be9c0000-0000-4000-9000-${String(operation).padStart(12, '0')}`;
  return JSON.stringify({
    value: [
      {
        '@odata.type': '#microsoft.graph.commsNotification',
        changeType: created ? 'created' : 'deleted',
        resourceUrl: `/communications/calls/${call}/operations/${id}`,
        resourceData: {
          '@odata.type': '#microsoft.graph.playPromptOperation',
          id,
          clientContext: `b${n}`,
          status: created ? 'running' : 'completed',
          ...(created ? {} : { resultInfo: { code: 200, subcode: 0, message: 'Action completed.' } }),
        },
      },
    ],
  });
}

const readProbe = (page: Page) =>
  page.evaluate(() => {
    const probe = window.__timelineBench as TimelineProbe;
    return { arrivals: probe.arrivals, seqOf: probe.seqOf, shown: probe.shown, appShown: probe.appShown, frames: probe.frames, longTasks: probe.longTasks, highest: probe.highestShown(), rows: probe.rowsInDom() };
  });

const setMeasuring = (page: Page, measuring: boolean) =>
  page.evaluate((on) => {
    (window.__timelineBench as TimelineProbe).measuring = on;
  }, measuring);

const waitForShown = async (page: Page, seq: number, timeout: number): Promise<boolean> => {
  try {
    await page.waitForFunction((wanted) => (window.__timelineBench?.highestShown() ?? 0) >= wanted, seq, { timeout, polling: 100 });
    return true;
  } catch {
    return false;
  }
};

/**
 * Until the page has put the session's earlier events in place: it shows the newest first, and its timeline region
 * is busy (aria-busy) until the rest has loaded. The figures of a page at work (pan and zoom, the stream) start after.
 */
const waitForWholeSession = async (page: Page): Promise<void> => {
  await page
    .waitForFunction(() => document.getElementById('timeline-heading')?.closest('section')?.getAttribute('aria-busy') !== 'true', undefined, { timeout: SHOW_ALL_TIMEOUT_MS, polling: 100 })
    .catch(() => undefined);
};

const longTasksOf = (durations: number[]) => ({ count: durations.length, totalMs: durations.reduce((sum, duration) => sum + duration, 0), maxMs: Math.max(0, ...durations) });

const urlOf = (port: number, view: TimelinePage) => `http://127.0.0.1:${port}${view === 'bare page' ? BARE_PAGE_PATH : '/'}`;

/** A fresh page (its own storage) in Live mode showing `view`, with the probe installed. */
async function openPage(browser: Browser, port: number, view: TimelinePage) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  // Live mode as the console remembers it: in the page's storage (the probe sets it), and in the cookie that tells
  // the server, which then serves the page with its first screen drawn.
  if (view !== 'bare page') await context.addCookies([{ name: MODE_COOKIE, value: 'live', url: urlOf(port, view) }]);
  const page = await context.newPage();
  let pageLoads = 0;
  page.on('load', () => (pageLoads += 1));
  // tsx (esbuild, keepNames) wraps functions in __name(...): the serialised probe needs that helper in the page.
  await page.addInitScript({ content: `var __name = (target) => target; (${installTimelineProbe.toString()})(${JSON.stringify(view === 'bare page' ? 'swimlanes' : view)});` });
  await page.goto(urlOf(port, view));
  return { page, context, pageLoads: () => pageLoads };
}

/** Navigation → the newest notification (`seq`) shown, in the page as it is now navigating. */
async function timeShowAll(page: Page, seq: number, view: TimelinePage, visit: ShowAllFigures['visit'], pageLoads: number): Promise<ShowAllFigures> {
  const shown = await waitForShown(page, seq, SHOW_ALL_TIMEOUT_MS);
  if (view !== 'bare page') {
    await page
      .waitForFunction((wanted) => (window.__timelineBench?.appShown.at(-1)?.[1] ?? 0) >= wanted, seq, { timeout: SHOW_ALL_TIMEOUT_MS, polling: 100 })
      .catch(() => undefined);
  }
  const probe = await readProbe(page);
  const shownAt = shown ? probe.shown.find(([, highest]) => highest >= seq)?.[0] : undefined;
  const workingAt = probe.appShown.find(([, highest]) => highest >= seq)?.[0];
  // The page's time origin is the start of its navigation.
  const navigationStart = await page.evaluate(() => performance.timeOrigin);
  return {
    view,
    visit,
    ...(shownAt === undefined ? {} : { showAllMs: shownAt - navigationStart }),
    ...(workingAt === undefined ? {} : { workingMs: workingAt - navigationStart }),
    highestShown: probe.highest,
    rowsInDom: probe.rows,
    pageLoads,
  };
}

/** How far the page's epoch clock is ahead of this process's: the estimate from the quickest of a few round trips. */
async function clockOffset(page: Page): Promise<{ offsetMs: number; uncertaintyMs: number }> {
  let best = { offsetMs: 0, uncertaintyMs: Infinity };
  for (let round = 0; round < 15; round += 1) {
    const sent = epochNow();
    const pageNow = await page.evaluate(() => (window.__timelineBench as TimelineProbe).now());
    const back = epochNow();
    const half = (back - sent) / 2;
    if (half < best.uncertaintyMs) best = { offsetMs: pageNow - (sent + half), uncertaintyMs: half };
  }
  return best;
}

/** Pans and zooms the chart with the keyboard and Ctrl+wheel, as a user would, for a few seconds. */
async function panAndZoom(page: Page): Promise<number> {
  const chart = page.getByRole('group', { name: /^Swimlanes chart/ });
  await chart.focus();
  const box = await chart.boundingBox();
  if (box) await page.mouse.move(box.x + box.width / 2, box.y + Math.min(box.height / 2, 300));
  let inputs = 0;
  const press = async (key: string, times: number) => {
    for (let i = 0; i < times; i += 1, inputs += 1) await page.keyboard.press(key);
  };
  const ctrlWheel = async (deltaY: number, times: number) => {
    await page.keyboard.down('Control');
    for (let i = 0; i < times; i += 1, inputs += 1) {
      await page.mouse.wheel(0, deltaY);
      await sleep(30);
    }
    await page.keyboard.up('Control');
  };
  for (let round = 0; round < 2; round += 1) {
    await press('+', 4);
    await press('ArrowRight', 25);
    await press('PageDown', 6);
    await ctrlWheel(-100, 3);
    await press('ArrowLeft', 25);
    await press('ArrowDown', 25);
    await ctrlWheel(100, 5);
    await press('PageUp', 6);
    await press('-', 2);
    await press('0', 1);
  }
  return inputs;
}

/** A first visit (a fresh browser context) to `view` with the 10,000 stored, then a visit again in the same context. */
async function timeVisits(browser: Browser, port: number, view: TimelinePage): Promise<ShowAllFigures[]> {
  const { page, context, pageLoads } = await openPage(browser, port, view);
  const first = await timeShowAll(page, HISTORY, view, 'first', pageLoads());
  // Settled, as a user coming back would find it: the rest of the session loaded, the caches written.
  await waitForWholeSession(page);
  await sleep(1_000);
  const loadsBefore = pageLoads();
  await page.goto(urlOf(port, view));
  const again = await timeShowAll(page, HISTORY, view, 'again', pageLoads() - loadsBefore);
  await context.close();
  return [first, again];
}

/** A page showing `view` while notifications `first`… are POSTed at STREAM_RATE: each one from its POST to shown. */
async function timeStream(browser: Browser, port: number, view: TimelinePage, first: number, post: (n: number) => Promise<number>): Promise<StreamFigures> {
  const { page, context } = await openPage(browser, port, view);
  await waitForShown(page, first - 1, SHOW_ALL_TIMEOUT_MS);
  await waitForWholeSession(page);
  await sleep(500);
  const clock = await clockOffset(page);
  await setMeasuring(page, true);
  const postedAt: number[] = [];
  const started = performance.now();
  const pending: Promise<number>[] = [];
  for (let i = 0; i < STREAM_TOTAL; ) {
    const due = Math.min(STREAM_TOTAL, Math.floor(((performance.now() - started) * STREAM_RATE) / 1000) + 1);
    for (; i < due; i += 1) {
      postedAt[i] = epochNow();
      pending.push(post(first + i));
    }
    await sleep(2);
  }
  const rate = (STREAM_TOTAL / (performance.now() - started)) * 1000;
  await Promise.all(pending);
  await waitForShown(page, first + STREAM_TOTAL - 1, STREAM_SETTLE_MS);
  // Wait for the last seq, whichever notification it went to.
  await sleep(200);
  await setMeasuring(page, false);
  const probe = await readProbe(page);
  const toShown: number[] = [];
  const toArrival: number[] = [];
  let notShown = 0;
  for (let i = 0; i < STREAM_TOTAL; i += 1) {
    const seq = probe.seqOf[first + i];
    const posted = (postedAt[i] ?? Number.NaN) + clock.offsetMs;
    const shownAt = seq === undefined ? undefined : probe.shown.find(([, highest]) => highest >= seq)?.[0];
    if (seq === undefined || shownAt === undefined) {
      notShown += 1;
      continue;
    }
    toShown.push(Math.max(0, shownAt - posted));
    const arrived = probe.arrivals[seq];
    if (arrived !== undefined) toArrival.push(Math.max(0, arrived - posted));
  }
  await context.close();
  return {
    view,
    rate,
    postToShown: summarize(toShown),
    postToArrival: summarize(toArrival),
    notShown,
    frameGaps: summarize(probe.frames),
    longTasks: longTasksOf(probe.longTasks),
    clockUncertaintyMs: clock.uncertaintyMs,
  };
}

export async function runTimelineBench(distDir: string, issuer: NotificationIssuer, executablePath: string | undefined): Promise<TimelineFigures> {
  const dataDir = mkdtempSync(join(tmpdir(), 'comms-console-bench-ui-'));
  writeBarePage(distDir, BARE_NEWEST);
  const server = await spawnBenchConsole(issuer, {
    dataDir,
    env: {
      DIST_DIR: distDir,
      // Live mode on, but nothing reachable beyond this machine: any Graph call fails at once.
      GRAPH_CLIENT_SECRET: throwawaySecret(),
      GRAPH_BASE_URL: 'http://127.0.0.1:9',
      GRAPH_AUTHORITY_HOST: 'https://127.0.0.1:9',
    },
  });
  const port = server.port;
  const poster = createPoster(port, 16);
  const authorization = `Bearer ${await issuer.sign()}`;
  const post = (n: number) => poster.post('/api/calls', { authorization }, timelineNotification(n));
  let next = 1;
  /** Posts the notifications up to `last`, 16 at a time: the history the pages load. */
  const postUpTo = (last: number) =>
    Promise.all(
      Array.from({ length: 16 }, async () => {
        while (next <= last) await post(next++);
      }),
    );
  const browser = await chromium.launch({
    ...(executablePath ? { executablePath } : {}),
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    // 1,000 operations on screen, panned and zoomed.
    await postUpTo(PAN_ZOOM_OPERATIONS * 2);
    let panZoom: PanZoomFigures | undefined;
    {
      const { page, context } = await openPage(browser, port, 'swimlanes');
      if (await waitForShown(page, PAN_ZOOM_OPERATIONS * 2, SHOW_ALL_TIMEOUT_MS)) {
        await waitForWholeSession(page);
        await sleep(500);
        await setMeasuring(page, true);
        const started = performance.now();
        const inputs = await panAndZoom(page);
        const seconds = (performance.now() - started) / 1000;
        await setMeasuring(page, false);
        const probe = await readProbe(page);
        const frameMs = probe.frames.reduce((sum, gap) => sum + gap, 0);
        panZoom = { operations: PAN_ZOOM_OPERATIONS, calls: CALLS, fps: frameMs > 0 ? (probe.frames.length / frameMs) * 1000 : 0, frameGaps: summarize(probe.frames), rowsInDom: probe.rows, inputs, seconds };
      }
      await context.close();
    }

    // 10,000 stored: navigation → newest shown, in each view, a first visit in a fresh context, then a visit again.
    await postUpTo(HISTORY);
    const visits: ShowAllFigures[] = [];
    for (let round = 0; round < ROUNDS; round += 1) for (const view of PAGES) visits.push(...(await timeVisits(browser, port, view)));
    const showAll = PAGES.flatMap((view) =>
      (['first', 'again'] as const).map((visit) => medianRound(visits.filter((figures) => figures.view === view && figures.visit === visit), (figures) => figures.showAllMs)),
    );

    // The stream at 100/s, POST → shown, in each view.
    const runs: StreamFigures[] = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      for (const view of PAGES) {
        const first = next;
        next += STREAM_TOTAL;
        runs.push(await timeStream(browser, port, view, first, post));
      }
    }
    const stream = PAGES.map((view) => medianRound(runs.filter((run) => run.view === view), (run) => run.postToShown.p99));

    return { browser: `Chromium ${browser.version()}`, rounds: ROUNDS, notifications: HISTORY, calls: CALLS, showAll, stream, ...(panZoom ? { panZoom } : {}) };
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

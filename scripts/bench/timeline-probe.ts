/**
 * Runs in the page before the console's own code (Playwright's addInitScript
 * serialises this function, so it uses nothing from this module): puts the
 * console in Live mode with the chosen timeline view, and measures from
 * inside the page —
 * - when each relay notification arrived, and which bench notification
 *   (`clientContext` b<n>) it carried (a listener added ahead of the app's own);
 * - when the timeline first showed each seq (a MutationObserver on the page,
 *   reading the `notification #N` marks the timeline renders: the newest
 *   lanes' cards in the List; in the Swimlanes, the marks' titles of the bars and the Latest entries; on the
 *   server's first screen, its Latest entries), and when the console's own timeline was first on screen;
 * - the gaps between animation frames and the long tasks.
 * Times are epoch milliseconds (timeOrigin + now), so the bench can set them
 * against the moment it POSTed each notification.
 * The bench reads `window.__timelineBench` back with page.evaluate.
 */

export interface TimelineProbe {
  /** seq → epoch ms of its arrival on the page's websocket. */
  arrivals: Record<number, number>;
  /** Bench notification n (clientContext b<n>) → the seq the relay gave it. */
  seqOf: Record<number, number>;
  /** [epoch ms, highest seq shown] at each change of the timeline. */
  shown: [number, number][];
  /**
   * As `shown`, counting only the console's own timeline once on screen: not the server's first screen
   * (server/first-screen.ts), which the console replaces (src/lib/firstScreen.ts) once its own timeline has caught up.
   */
  appShown: [number, number][];
  frames: number[];
  longTasks: number[];
  measuring: boolean;
  highestShown(): number;
  /** Operations drawn in the timeline now (list cards, or swimlane rows). */
  rowsInDom(): number;
  /** The page's epoch clock, for the bench to set against its own. */
  now(): number;
}

declare global {
  interface Window {
    __timelineBench?: TimelineProbe;
  }
}

export function installTimelineProbe(view: 'swimlanes' | 'list'): void {
  localStorage.setItem('comms-console.mode', JSON.stringify({ state: { mode: 'live' }, version: 0 }));
  localStorage.setItem('comms-console.timeline-view', JSON.stringify({ state: { view, followLive: true }, version: 0 }));
  const now = () => performance.timeOrigin + performance.now();
  const region = () => document.getElementById('timeline-heading')?.closest('section');
  const probe: TimelineProbe = {
    arrivals: {},
    seqOf: {},
    shown: [],
    appShown: [],
    frames: [],
    longTasks: [],
    measuring: false,
    now,
    highestShown: () => probe.shown.at(-1)?.[1] ?? 0,
    rowsInDom: () => region()?.querySelectorAll('li h3, .sl-row').length ?? 0,
  };
  window.__timelineBench = probe;

  const NativeWebSocket = window.WebSocket;
  window.WebSocket = class extends NativeWebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      this.addEventListener('message', (event: MessageEvent) => {
        const text = String(event.data);
        const seq = /"seq":(\d+)/.exec(text.slice(0, 80))?.[1];
        if (!seq) return;
        probe.arrivals[Number(seq)] ??= now();
        const bench = /"clientContext":"b(\d+)"/.exec(text)?.[1];
        if (bench) probe.seqOf[Number(bench)] ??= Number(seq);
      });
    }
  };

  const NOTICE = /notification #(\d+)/g;
  // The List is newest first, but a notification may update an older lane: the highest seq among the
  // lanes at the top is the newest shown. The Swimlanes draw only the rows in view, and name the latest
  // operations above them: all of them are read.
  const highestInView = (): number => {
    let highest = 0;
    const within = region();
    if (!within) return 0;
    for (const mark of within.querySelectorAll('.sl-mark[title], .sl-latest [title]')) {
      for (const match of (mark.getAttribute('title') ?? '').matchAll(NOTICE)) highest = Math.max(highest, Number(match[1]));
    }
    for (const heading of [...within.querySelectorAll('li h3')].slice(0, 20)) {
      for (const match of (heading.closest('li')?.textContent ?? '').matchAll(NOTICE)) highest = Math.max(highest, Number(match[1]));
    }
    return highest;
  };
  new MutationObserver(() => {
    const highest = highestInView();
    if (highest > probe.highestShown()) probe.shown.push([now(), highest]);
    const root = document.getElementById('root');
    const ownShown = root && !root.hidden && region()?.closest('#root') ? highest : 0;
    if (ownShown > (probe.appShown.at(-1)?.[1] ?? 0)) probe.appShown.push([now(), ownShown]);
  }).observe(document, { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ['title'] });

  let last = 0;
  const frame = (time: number) => {
    if (probe.measuring && last > 0) probe.frames.push(time - last);
    last = probe.measuring ? time : 0;
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
  try {
    new PerformanceObserver((list) => {
      if (probe.measuring) for (const entry of list.getEntries()) probe.longTasks.push(entry.duration);
    }).observe({ type: 'longtask', buffered: false });
  } catch {
    // No Long Tasks API: the frame gaps still tell.
  }
}

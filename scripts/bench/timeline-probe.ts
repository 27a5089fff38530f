/**
 * Runs in the page before the console's own code (Playwright's addInitScript
 * serialises this function, so it uses nothing from this module): puts the
 * console in Live mode, and measures from inside the page —
 * - when each relay notification arrived (a listener added ahead of the
 *   app's own, reading `seq` from the frame's start);
 * - when the timeline first showed each seq (a MutationObserver on the
 *   page, reading the `notification #N` marks of the lanes at the top);
 * - the gaps between animation frames and the long tasks.
 * The bench reads `window.__timelineBench` back with page.evaluate.
 */

export interface TimelineProbe {
  arrivals: Record<number, number>;
  /** [time, highest seq shown] at each change of the timeline. */
  shown: [number, number][];
  frames: number[];
  longTasks: number[];
  measuring: boolean;
  highestShown(): number;
  /** Number of lanes (list items with a heading) in the timeline now. */
  rowsInDom(): number;
}

declare global {
  interface Window {
    __timelineBench?: TimelineProbe;
  }
}

export function installTimelineProbe(): void {
  localStorage.setItem('comms-console.mode', JSON.stringify({ state: { mode: 'live' }, version: 0 }));
  const probe: TimelineProbe = {
    arrivals: {},
    shown: [],
    frames: [],
    longTasks: [],
    measuring: false,
    highestShown: () => probe.shown.at(-1)?.[1] ?? 0,
    rowsInDom: () => {
      const region = document.getElementById('timeline-heading')?.closest('section');
      return region ? region.querySelectorAll('li h3, [role="listitem"] h3').length : 0;
    },
  };
  window.__timelineBench = probe;

  const NativeWebSocket = window.WebSocket;
  window.WebSocket = class extends NativeWebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      this.addEventListener('message', (event: MessageEvent) => {
        const match = /"seq":(\d+)/.exec(String(event.data).slice(0, 80));
        if (match?.[1]) probe.arrivals[Number(match[1])] ??= performance.now();
      });
    }
  };

  // Lanes are newest first, but a notification may update an older lane: the highest seq among the
  // lanes at the top is the newest shown. Twenty lanes is past what a window shows, and cheap to read.
  const highestInNewestLanes = (): number => {
    const region = document.getElementById('timeline-heading')?.closest('section');
    let highest = 0;
    const headings = [...(region?.querySelectorAll('li h3') ?? [])].slice(0, 20);
    for (const heading of headings) {
      for (const match of (heading.closest('li')?.textContent ?? '').matchAll(/notification #(\d+)/g)) highest = Math.max(highest, Number(match[1]));
    }
    return highest;
  };
  new MutationObserver(() => {
    const highest = highestInNewestLanes();
    if (highest > probe.highestShown()) probe.shown.push([performance.now(), highest]);
  }).observe(document, { childList: true, subtree: true, characterData: true });

  let last = 0;
  const frame = (time: number) => {
    if (probe.measuring && last > 0) probe.frames.push(time - last);
    last = time;
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

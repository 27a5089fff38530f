/**
 * The floor the timeline figures are read against: a page served by the same console, from the same
 * data, that does only what any page showing the newest notifications must do — no framework, no
 * validation, no chart. It asks for the current session's newest notifications (one request, as the
 * console does) and writes a mark for each, then opens the relay and writes one mark per notification
 * as it comes. The probe
 * (timeline-probe.ts) reads its marks the way it reads the timeline's, so both are timed alike.
 * Written into the bench's own build of dist/ (never the project's): the console serves it as a file.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const BARE_PAGE_PATH = '/bench-bare.html';
const BARE_SCRIPT = 'bench-bare.js';

/** Runs in the page (serialised: it uses nothing from this module). */
function showNewestBare(newest: number): void {
  const marks = document.getElementById('marks');
  if (!marks) return;
  const markOf = (seq: number) => {
    const mark = document.createElement('span');
    mark.className = 'sl-mark';
    mark.title = `notification #${seq}`;
    return mark;
  };
  let lastSeq = 0;
  const relay = () => {
    const socket = new WebSocket(`ws://${location.host}/relay?since=${lastSeq}`);
    socket.onmessage = (event: MessageEvent) => {
      const message = JSON.parse(String(event.data)) as { type?: string; seq?: number };
      if (message.type !== 'notification' || typeof message.seq !== 'number') return;
      lastSeq = Math.max(lastSeq, message.seq);
      marks.replaceChildren(markOf(message.seq));
    };
  };
  void (async () => {
    const answer = await fetch(`/api/sessions/current/events?newest=${newest}`);
    // No session yet: nothing stored to show.
    if (answer.status !== 200) return relay();
    const part = (await answer.json()) as { events: { kind: string; seq?: number }[] };
    const seqs = part.events.flatMap((event) => (event.kind === 'notification' && event.seq !== undefined ? [event.seq] : []));
    lastSeq = Math.max(0, ...seqs);
    marks.replaceChildren(...seqs.slice(-40).map(markOf));
    relay();
  })();
}

/** Adds the bare page to a built dist/ (`newest`: as many notifications as the console asks for first). */
export function writeBarePage(distDir: string, newest: number): void {
  writeFileSync(
    join(distDir, BARE_PAGE_PATH),
    `<!doctype html><html lang="en"><head><meta charset="UTF-8"><title>Bare timeline</title><script src="/${BARE_SCRIPT}" defer></script></head>` +
      `<body><section><h2 id="timeline-heading">Newest notifications</h2><div id="marks"></div></section></body></html>`,
  );
  // tsx (esbuild, keepNames) may wrap functions in __name(...): the serialised page needs that helper.
  writeFileSync(join(distDir, BARE_SCRIPT), `var __name = (target) => target; (${showNewestBare.toString()})(${newest});`);
}

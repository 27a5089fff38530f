/**
 * The first screen as markup, for the server to put in the page it serves (server/first-screen.ts). Built by
 * vite with the app (vite.config.ts, its `ssr` environment, into dist/ssr/), so the server draws it with the
 * app's own components without importing the UI's sources.
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import type { FirstScreenMarkup } from '../graph/firstScreen';
import { sessionEventsSchema } from '../graph/sessions';
import { buildTimeline, logOrderOf } from '../graph/timeline';
import { latestAtClockTime } from '../features/timeline/latestLanes';
import { FirstScreen } from './FirstScreen';

/**
 * The first screen of the current session's newest events (`read`, the events endpoint's answer as JSON); undefined
 * when there is nothing to draw: no operation yet, or a read not in shape. Times are the server's clock's.
 */
export function firstScreenMarkup(read: unknown): FirstScreenMarkup | undefined {
  const parsed = sessionEventsSchema.safeParse(read);
  if (!parsed.success) return undefined;
  const timeline = buildTimeline(parsed.data.events);
  const latest = latestAtClockTime([...logOrderOf(timeline)].reverse());
  if (latest.length === 0) return undefined;
  return { markup: renderToStaticMarkup(createElement(FirstScreen, { latest, newestSeq: timeline.lastSeq })), newestSeq: timeline.lastSeq };
}

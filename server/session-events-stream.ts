/**
 * GET /api/sessions/{id}/events, streamed: the answer has the same shape as
 * the shared history API's (`{ session, events }`, src/graph/historyApi.ts),
 * but the timeline is read from the store a page at a time and written as it
 * goes, waiting for the client to take each page and letting other work run
 * between pages. A session of hundreds of megabytes then costs the server a
 * page of memory and never blocks the relay, where building the whole answer
 * at once blocked the event loop for seconds and held it all in memory.
 *
 * The order is sessionTimeline's (src/graph/sessionTimeline.ts): notifications
 * by seq, each recorded event right after the notification it was recorded
 * after, recorded events in arrival order among themselves.
 */
import { once } from 'node:events';
import type { ServerResponse } from 'node:http';
import { isGuid } from '../src/graph/ids';
import { relayNotificationEvent } from '../src/graph/sessionTimeline';
import { SESSIONS_PATH, type PlacedEvent, type Session } from '../src/graph/sessions';
import type { RelayNotification } from '../src/graph/schemas';
import type { RecordedCursor, ServerSessionStore } from './session-store';

export const EVENTS_PAGE_SIZE = 100;

/** The session id of `GET /api/sessions/{id}/events`, lower-case; undefined for any other request. */
export function sessionEventsRequest(method: string, path: string): string | undefined {
  if (method !== 'GET' || !path.startsWith(`${SESSIONS_PATH}/`) || !path.endsWith('/events')) return undefined;
  const rawId = path.slice(SESSIONS_PATH.length + 1, -'/events'.length);
  let id: string;
  try {
    id = decodeURIComponent(rawId).toLowerCase();
  } catch {
    return undefined;
  }
  return isGuid(id) ? id : undefined;
}

/** Pages of one source, read ahead one page at a time. */
function pager<T>(read: (last: T | undefined) => Promise<T[]>, pageSize: number) {
  let page: T[] = [];
  let at = 0;
  let exhausted = false;
  let last: T | undefined;
  return {
    async peek(): Promise<T | undefined> {
      if (at < page.length) return page[at];
      if (exhausted) return undefined;
      page = await read(last);
      at = 0;
      // A short page is the end: rows added later (to the current session) belong to the next read.
      exhausted = page.length < pageSize;
      return page[0];
    },
    take(): void {
      last = page[at];
      at += 1;
    },
  };
}

async function write(res: ServerResponse, chunk: string): Promise<boolean> {
  if (res.destroyed) return false;
  if (!res.write(chunk)) await Promise.race([once(res, 'drain'), once(res, 'close')]);
  return !res.destroyed;
}

/** Writes the session's `{ session, events }`, page by page; stops quietly if the client goes away. */
export async function streamSessionEvents(res: ServerResponse, store: ServerSessionStore, session: Session, pageSize = EVENTS_PAGE_SIZE): Promise<void> {
  const endSeq = session.endSeq ?? Number.MAX_SAFE_INTEGER;
  const notifications = pager<RelayNotification>((last) => store.notificationPage(last?.seq ?? session.startSeq, endSeq, pageSize), pageSize);
  const start: RecordedCursor = { afterSeq: -1, id: 0 };
  const recorded = pager<PlacedEvent & RecordedCursor>((last) => store.recordedPage(session.id, last ?? start, pageSize), pageSize);

  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  let chunk = `{"session":${JSON.stringify(session)},"events":[`;
  let first = true;
  let inChunk = 0;
  for (;;) {
    const [notification, placed] = [await notifications.peek(), await recorded.peek()];
    if (notification === undefined && placed === undefined) break;
    let event: unknown;
    if (notification !== undefined && (placed === undefined || notification.seq <= placed.afterSeq)) {
      event = relayNotificationEvent(notification);
      notifications.take();
    } else {
      event = placed?.event;
      recorded.take();
    }
    chunk += `${first ? '' : ','}${JSON.stringify(event)}`;
    first = false;
    inChunk += 1;
    if (inChunk === pageSize) {
      if (!(await write(res, chunk))) return;
      chunk = '';
      inChunk = 0;
      // Let the relay and other requests run between pages.
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  if (await write(res, `${chunk}]}`)) res.end();
}

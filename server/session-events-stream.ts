/**
 * GET /api/sessions/{id}/events, streamed: the answer has the same shape as
 * the console API's (`{ session, events, before? }`, src/api/consoleApi.ts), but the
 * timeline is read from the store a page at a time: the body is a
 * ReadableStream whose every pull reads and encodes one page, so the next page
 * is read only once the client has taken the last one, and other work (the
 * relay) runs between pages. A session of hundreds of megabytes then costs the
 * server a page of memory and never blocks the relay, where building the
 * whole answer at once blocked the event loop for seconds and held it all in memory.
 *
 * Each event is written from the JSON text stored (the notification's body as
 * received, the recorded event as posted), both validated on the way in: nothing
 * is parsed and serialised again on the way out.
 *
 * The order is sessionTimeline's (src/graph/sessionTimeline.ts): notifications
 * by seq, each recorded event right after the notification it was recorded
 * after, recorded events in arrival order among themselves.
 */
import type { Session, SessionEventsQuery } from '../src/graph/sessions';
import { recordedFrom, type PagedSessionStore, type RecordedCursor, type StoredNotificationText, type StoredRecordedText } from './session-store';

/**
 * Rows read per page of each source. Each page is read, written out and encoded in one go while the relay
 * waits: 100 notifications of 2 KB keep that to a millisecond or two. (With 500, the relay's p99 while a
 * 100 MB session was downloaded was twice as high, and the download no faster.)
 */
export const EVENTS_PAGE_SIZE = 100;

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

/** The last seq a part of the session can hold: the session's end, or just before notification `beforeSeq`. */
const lastSeqOf = (session: Session, beforeSeq: number | undefined) => Math.min(session.endSeq ?? Number.MAX_SAFE_INTEGER, (beforeSeq ?? Number.MAX_SAFE_INTEGER) - 1);

/** A notification's timeline event (relayNotificationEvent's shape), written around its stored body text. */
export function notificationEventJson(stored: StoredNotificationText): string {
  const bot = stored.bot ? `,"bot":${JSON.stringify(stored.bot)}` : '';
  return `{"kind":"notification","seq":${stored.seq},"receivedAt":${JSON.stringify(stored.receivedAt)},"verified":${stored.verified},"source":${JSON.stringify(stored.source)},"body":${stored.bodyText}${bot}}`;
}

/** Which part of the session to send: from notification `fromSeq` on (and what was recorded after it), before `beforeSeq`. */
export interface EventsWindow {
  fromSeq?: number;
  beforeSeq?: number;
}

/** The session's `{ session, events, before? }` as a 200 whose body is read from the store a page per pull. */
export function streamSessionEvents(store: PagedSessionStore, session: Session, window: EventsWindow = {}, pageSize = EVENTS_PAGE_SIZE): Response {
  const endSeq = lastSeqOf(session, window.beforeSeq);
  const startSeq = Math.max(session.startSeq, (window.fromSeq ?? 0) - 1);
  const notifications = pager<StoredNotificationText>((last) => store.notificationPage(last?.seq ?? startSeq, endSeq, pageSize), pageSize);
  const start: RecordedCursor = window.fromSeq === undefined ? { afterSeq: -1, id: 0 } : recordedFrom(window.fromSeq);
  const recorded = pager<StoredRecordedText>((last) => store.recordedPage(session.id, last ?? start, pageSize), pageSize);
  const isBeforeWindowEnd = (placed: StoredRecordedText | undefined) => placed !== undefined && (window.beforeSeq === undefined || placed.afterSeq < window.beforeSeq);
  const encoder = new TextEncoder();
  let opened = false;

  /** The next page of the body, or undefined once the closing bracket has been sent. */
  let done = false;
  const nextPage = async (): Promise<string | undefined> => {
    if (done) return undefined;
    // Where the part starts, when earlier events may remain (the console API's `before`).
    const before = window.fromSeq === undefined ? '' : `"before":${window.fromSeq},`;
    let chunk = opened ? '' : `{"session":${JSON.stringify(session)},${before}"events":[`;
    for (let inChunk = 0; inChunk < pageSize; inChunk += 1) {
      const notification = await notifications.peek();
      const placedOrPast = await recorded.peek();
      const placed = isBeforeWindowEnd(placedOrPast) ? placedOrPast : undefined;
      if (notification === undefined && placed === undefined) {
        done = true;
        return `${chunk}]}`;
      }
      let event: string;
      if (notification !== undefined && (placed === undefined || notification.seq <= placed.afterSeq)) {
        event = notificationEventJson(notification);
        notifications.take();
      } else {
        event = placed?.eventText ?? 'null';
        recorded.take();
      }
      chunk += `${opened ? ',' : ''}${event}`;
      opened = true;
    }
    return chunk;
  };

  const body = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        // Let the relay and other requests run between pages.
        await new Promise((resolve) => setImmediate(resolve));
        const page = await nextPage();
        if (page === undefined) return controller.close();
        controller.enqueue(encoder.encode(page));
        if (done) controller.close();
      },
    },
    // One page in hand at a time: the next is read when the client has taken this one.
    { highWaterMark: 0 },
  );
  return new Response(body, { status: 200, headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' } });
}

/**
 * The part of the session a query asks for (the console API's `newest` and `before`): `newest` is found
 * as the seq of the newest-th notification, so the part is read as one window, a page at a time.
 */
export async function streamSessionEventsPart(store: PagedSessionStore, session: Session, query: SessionEventsQuery): Promise<Response> {
  const fromSeq = query.newest === undefined ? undefined : await store.seqFromNewest(session.startSeq, lastSeqOf(session, query.before), query.newest);
  return streamSessionEvents(store, session, { ...(fromSeq === undefined ? {} : { fromSeq }), ...(query.before === undefined ? {} : { beforeSeq: query.before }) });
}

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
 * Each event is written from the bytes of the JSON text stored (the notification's body as
 * received, the recorded event as posted), both validated on the way in: nothing is parsed,
 * serialised, decoded into a string or encoded again on the way out. Each page is bounded in
 * bytes as well as in rows, so a page of large bodies holds the event loop no longer than one of
 * small ones.
 *
 * The order is sessionTimeline's (src/graph/sessionTimeline.ts): notifications
 * by seq, each recorded event right after the notification it was recorded
 * after, recorded events in arrival order among themselves.
 */
import type { SessionEventsQuery } from '../src/graph/sessionRequests';
import type { Session } from '../src/graph/sessions';
import { recordedFrom, type PagedSessionStore, type RecordedCursor, type StoredNotificationBytes, type StoredRecordedBytes } from './session-store';

/** Rows read per page of each source, at most (a page of small events). */
export const EVENTS_PAGE_SIZE = 100;
/**
 * Bytes per page, at most (one event past it): each page is read, written out and sent in one go while
 * the relay waits, so this bounds that wait whatever the size of the events. (Pages of 32 KiB instead
 * left the relay's p99 during a 100 MB read where it was, and made the read slower: npm run bench.)
 */
export const EVENTS_PAGE_BYTES = 128 * 1024;

/** Pages of one source, read ahead one page at a time. */
function pager<T>(read: (last: T | undefined) => Promise<T[]>, bytesOf: (row: T) => number) {
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
      // A page short of both limits is the end (see pageBoundedByBytes): rows added later (to the
      // current session) belong to the next read.
      exhausted = page.length < EVENTS_PAGE_SIZE && page.reduce((sum, row) => sum + bytesOf(row), 0) < EVENTS_PAGE_BYTES;
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

const EVENT_END = Buffer.from('}');
const COMMA = Buffer.from(',');

/** A notification's timeline event (relayNotificationEvent's shape) as bytes, written around its stored body's bytes. */
export function notificationEventBytes(stored: StoredNotificationBytes): Uint8Array[] {
  const head = `{"kind":"notification","seq":${stored.seq},"receivedAt":${JSON.stringify(stored.receivedAt)},"verified":${stored.verified},"source":${JSON.stringify(stored.source)},"body":`;
  const end = stored.bot ? Buffer.from(`,"bot":${JSON.stringify(stored.bot)}}`) : EVENT_END;
  return [Buffer.from(head), stored.bodyJson, end];
}

/** Which part of the session to send: from notification `fromSeq` on (and what was recorded after it), before `beforeSeq`. */
export interface EventsWindow {
  fromSeq?: number;
  beforeSeq?: number;
}

/** The session's `{ session, events, before? }` as a 200 whose body is read from the store a page per pull. */
export function streamSessionEvents(store: PagedSessionStore, session: Session, window: EventsWindow = {}): Response {
  const endSeq = lastSeqOf(session, window.beforeSeq);
  const startSeq = Math.max(session.startSeq, (window.fromSeq ?? 0) - 1);
  const notifications = pager<StoredNotificationBytes>(
    (last) => store.notificationPage(last?.seq ?? startSeq, endSeq, EVENTS_PAGE_SIZE, EVENTS_PAGE_BYTES),
    (stored) => stored.bodyJson.length,
  );
  const start: RecordedCursor = window.fromSeq === undefined ? { afterSeq: -1, id: 0 } : recordedFrom(window.fromSeq);
  const recorded = pager<StoredRecordedBytes>((last) => store.recordedPage(session.id, last ?? start, EVENTS_PAGE_SIZE, EVENTS_PAGE_BYTES), (placed) => placed.eventJson.length);
  const isBeforeWindowEnd = (placed: StoredRecordedBytes | undefined) => placed !== undefined && (window.beforeSeq === undefined || placed.afterSeq < window.beforeSeq);
  let opened = false;

  /** The next page of the body, or undefined once the closing bracket has been sent. */
  let done = false;
  const nextPage = async (): Promise<Buffer | undefined> => {
    if (done) return undefined;
    const parts: Uint8Array[] = [];
    let bytes = 0;
    const add = (part: Uint8Array) => {
      parts.push(part);
      bytes += part.length;
    };
    if (!opened) {
      // Where the part starts, when earlier events may remain (the console API's `before`).
      const before = window.fromSeq === undefined ? '' : `"before":${window.fromSeq},`;
      add(Buffer.from(`{"session":${JSON.stringify(session)},${before}"events":[`));
    }
    for (let inPage = 0; inPage < EVENTS_PAGE_SIZE && bytes < EVENTS_PAGE_BYTES; inPage += 1) {
      const notification = await notifications.peek();
      const placedOrPast = await recorded.peek();
      const placed = isBeforeWindowEnd(placedOrPast) ? placedOrPast : undefined;
      if (notification === undefined && placed === undefined) {
        done = true;
        add(Buffer.from(']}'));
        break;
      }
      if (opened) add(COMMA);
      opened = true;
      if (notification !== undefined && (placed === undefined || notification.seq <= placed.afterSeq)) {
        for (const part of notificationEventBytes(notification)) add(part);
        notifications.take();
      } else {
        add(placed?.eventJson ?? Buffer.from('null'));
        recorded.take();
      }
    }
    return Buffer.concat(parts, bytes);
  };

  const body = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        // Let the relay and other requests run between pages.
        await new Promise((resolve) => setImmediate(resolve));
        const page = await nextPage();
        if (page === undefined) return controller.close();
        controller.enqueue(page);
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

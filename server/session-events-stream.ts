/**
 * GET /api/sessions/{id}/events, streamed: the answer has the same shape as
 * the console API's (`{ session, events }`, src/api/consoleApi.ts), but the
 * timeline is read from the store a page at a time: the body is a
 * ReadableStream whose every pull reads and encodes one page, so the next page
 * is read only once the client has taken the last one, and other work (the
 * relay) runs between pages. A session of hundreds of megabytes then costs the
 * server a page of memory and never blocks the relay, where building the
 * whole answer at once blocked the event loop for seconds and held it all in memory.
 *
 * The order is sessionTimeline's (src/graph/sessionTimeline.ts): notifications
 * by seq, each recorded event right after the notification it was recorded
 * after, recorded events in arrival order among themselves.
 */
import { relayNotificationEvent } from '../src/graph/sessionTimeline';
import type { PlacedEvent, Session } from '../src/graph/sessions';
import type { RelayNotification } from '../src/graph/schemas';
import type { PagedSessionStore, RecordedCursor } from './session-store';

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

/** The session's `{ session, events }` as a 200 whose body is read from the store a page per pull. */
export function streamSessionEvents(store: PagedSessionStore, session: Session, pageSize = EVENTS_PAGE_SIZE): Response {
  const endSeq = session.endSeq ?? Number.MAX_SAFE_INTEGER;
  const notifications = pager<RelayNotification>((last) => store.notificationPage(last?.seq ?? session.startSeq, endSeq, pageSize), pageSize);
  const start: RecordedCursor = { afterSeq: -1, id: 0 };
  const recorded = pager<PlacedEvent & RecordedCursor>((last) => store.recordedPage(session.id, last ?? start, pageSize), pageSize);
  const encoder = new TextEncoder();
  let opened = false;

  /** The next page of the body, or undefined once the closing bracket has been sent. */
  let done = false;
  const nextPage = async (): Promise<string | undefined> => {
    if (done) return undefined;
    let chunk = opened ? '' : `{"session":${JSON.stringify(session)},"events":[`;
    for (let inChunk = 0; inChunk < pageSize; inChunk += 1) {
      const [notification, placed] = [await notifications.peek(), await recorded.peek()];
      if (notification === undefined && placed === undefined) {
        done = true;
        return `${chunk}]}`;
      }
      let event: unknown;
      if (notification !== undefined && (placed === undefined || notification.seq <= placed.afterSeq)) {
        event = relayNotificationEvent(notification);
        notifications.take();
      } else {
        event = placed?.event;
        recorded.take();
      }
      chunk += `${opened ? ',' : ''}${JSON.stringify(event)}`;
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

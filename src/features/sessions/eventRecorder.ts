/**
 * Saves the requests and responses the browser records into the history,
 * one POST at a time so they are stored in the order they happened. A request
 * goes to the session open when it was sent, and its response follows it
 * there even if a new session started in between. While the history cannot
 * be reached, events wait and are tried again; an answer that retrying cannot
 * change (the session was deleted, the event was refused) drops them, and says so.
 *
 * Whatever is recorded and not yet stored is also written, synchronously, to a
 * journal (the tab's sessionStorage): the timeline shows an event in the same
 * task that records it, so a reload at any moment finds it there and sends it
 * again before the timeline is loaded. An event stored twice that way (the
 * reload came after the store took it, before the answer came back) is shown
 * once: reading a session keeps the first of each (sessionTimeline).
 */
import type { PlacedEvent, RecordedEvent } from '../../graph/sessions';
import { ConsoleApiError } from '../../lib/sendJson';

export interface RecorderState {
  /** Events recorded and not yet stored. */
  unsaved: number;
  /** Why the last attempt failed; cleared by the next success. */
  error?: string;
}

/** An event waiting to be stored, and the session it goes to once known. */
export interface UnsavedEvent {
  sessionId?: string;
  placed: PlacedEvent;
}

/** Synchronous storage that outlives the page (a reload), for what is not stored yet. */
export interface UnsavedJournal {
  read(): UnsavedEvent[];
  write(events: readonly UnsavedEvent[]): void;
}

export interface EventRecorderOptions {
  post(sessionId: string, events: PlacedEvent[]): Promise<void>;
  onChange(state: RecorderState): void;
  /** Where unsaved events wait across a reload; without one they live in memory only. */
  journal?: UnsavedJournal;
  retryAfterMs?: number;
  setTimer?(run: () => void, ms: number): void;
}

export interface EventRecorder {
  /** `afterSeq`: the last relay seq the browser had when the event happened (see PlacedEvent). */
  record(event: RecordedEvent, afterSeq: number): void;
  /** The session open from now on; until the first is set, events wait for it. */
  setCurrentSession(sessionId: string): void;
  /**
   * Resolves once nothing more can be sent for now: everything is stored, or a retry waits,
   * or the rest waits for a session. Read the history after it to find what was recorded.
   */
  settled(): Promise<void>;
  /** What was recorded for this session and is not stored yet, in order. */
  unsaved(sessionId: string): RecordedEvent[];
}

type Queued = UnsavedEvent;

const MAX_BATCH = 100;

export function createEventRecorder(options: EventRecorderOptions): EventRecorder {
  const retryAfterMs = options.retryAfterMs ?? 3_000;
  const setTimer = options.setTimer ?? ((run, ms) => void setTimeout(run, ms));
  // Left over from before a reload: sent first, to the sessions they were recorded in.
  const queue: Queued[] = options.journal?.read() ?? [];
  const keepJournal = () => options.journal?.write(queue);
  const waiting: (() => void)[] = [];
  /** Where each request went, for its response; an entry lives until the response comes. */
  const sessionOfRequest = new Map<string, string>();
  let sending = false;
  let retryScheduled = false;
  let error: string | undefined;
  let currentSessionId: string | undefined;

  const report = () => options.onChange(error === undefined ? { unsaved: queue.length } : { unsaved: queue.length, error });

  const assign = (item: Queued, sessionId: string | undefined) => {
    if (sessionId === undefined) return;
    item.sessionId = sessionId;
    if (item.placed.event.kind === 'request') sessionOfRequest.set(item.placed.event.id, sessionId);
  };

  const isIdle = () => !sending && (retryScheduled || queue[0]?.sessionId === undefined);
  const wakeWaiting = () => {
    if (isIdle()) for (const resolve of waiting.splice(0)) resolve();
  };

  const flush = async (): Promise<void> => {
    if (sending || retryScheduled) return;
    if (currentSessionId !== undefined && queue.some((item) => item.sessionId === undefined)) {
      for (const item of queue) if (item.sessionId === undefined) assign(item, currentSessionId);
      keepJournal();
    }
    const sessionId = queue[0]?.sessionId;
    if (sessionId === undefined) return wakeWaiting();
    let size = 0;
    while (size < queue.length && size < MAX_BATCH && queue[size]?.sessionId === sessionId) size += 1;

    sending = true;
    try {
      await options.post(sessionId, queue.slice(0, size).map((item) => item.placed));
      queue.splice(0, size);
      keepJournal();
      error = undefined;
    } catch (failure) {
      const message = failure instanceof Error ? failure.message : String(failure);
      if (failure instanceof ConsoleApiError && failure.status >= 400 && failure.status < 500) {
        // Refused for good (a deleted session, an event the history will not take): retrying cannot help.
        queue.splice(0, size);
        keepJournal();
        error = `${size} event${size === 1 ? '' : 's'} could not be saved: ${message}`;
      } else {
        error = `Not saved yet, trying again: ${message}`;
        retryScheduled = true;
        setTimer(() => {
          retryScheduled = false;
          void flush();
        }, retryAfterMs);
      }
    } finally {
      sending = false;
    }
    report();
    if (!retryScheduled && queue.length > 0) void flush();
    else wakeWaiting();
  };

  if (queue.length > 0) {
    report();
    void flush();
  }

  return {
    record(event, afterSeq) {
      const item: Queued = { placed: { afterSeq, event } };
      const requestSession = event.kind === 'response' ? sessionOfRequest.get(event.requestId) : undefined;
      if (event.kind === 'response') sessionOfRequest.delete(event.requestId);
      assign(item, requestSession ?? currentSessionId);
      queue.push(item);
      keepJournal();
      report();
      void flush();
    },
    setCurrentSession(sessionId) {
      currentSessionId = sessionId;
      void flush();
    },
    unsaved(sessionId) {
      return queue.filter((item) => item.sessionId === sessionId).map((item) => item.placed.event);
    },
    settled() {
      if (isIdle()) return Promise.resolve();
      return new Promise((resolve) => waiting.push(resolve));
    },
  };
}

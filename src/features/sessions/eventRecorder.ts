/**
 * Saves the requests and responses the browser records into the history,
 * one POST at a time so they are stored in the order they happened. A request
 * goes to the session open when it was sent, and its response follows it
 * there even if a new session started in between. While the history cannot
 * be reached, events wait and are tried again; an answer that retrying cannot
 * change (the session was deleted, the event was refused) drops them, and says so.
 */
import type { PlacedEvent, RecordedEvent } from '../../graph/sessions';
import { ConsoleApiError } from '../../lib/sendJson';

export interface RecorderState {
  /** Events recorded and not yet stored. */
  unsaved: number;
  /** Why the last attempt failed; cleared by the next success. */
  error?: string;
}

export interface EventRecorderOptions {
  post(sessionId: string, events: PlacedEvent[]): Promise<void>;
  onChange(state: RecorderState): void;
  retryAfterMs?: number;
  setTimer?(run: () => void, ms: number): void;
}

export interface EventRecorder {
  /** `afterSeq`: the last relay seq the browser had when the event happened (see PlacedEvent). */
  record(event: RecordedEvent, afterSeq: number): void;
  /** The session open from now on; until the first is set, events wait for it. */
  setCurrentSession(sessionId: string): void;
}

interface Queued {
  sessionId?: string;
  placed: PlacedEvent;
}

const MAX_BATCH = 100;

export function createEventRecorder(options: EventRecorderOptions): EventRecorder {
  const retryAfterMs = options.retryAfterMs ?? 3_000;
  const setTimer = options.setTimer ?? ((run, ms) => void setTimeout(run, ms));
  const queue: Queued[] = [];
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

  const flush = async (): Promise<void> => {
    if (sending || retryScheduled) return;
    for (const item of queue) if (item.sessionId === undefined) assign(item, currentSessionId);
    const sessionId = queue[0]?.sessionId;
    if (sessionId === undefined) return;
    let size = 0;
    while (size < queue.length && size < MAX_BATCH && queue[size]?.sessionId === sessionId) size += 1;

    sending = true;
    try {
      await options.post(sessionId, queue.slice(0, size).map((item) => item.placed));
      queue.splice(0, size);
      error = undefined;
    } catch (failure) {
      const message = failure instanceof Error ? failure.message : String(failure);
      if (failure instanceof ConsoleApiError && failure.status >= 400 && failure.status < 500) {
        // Refused for good (a deleted session, an event the history will not take): retrying cannot help.
        queue.splice(0, size);
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
  };

  return {
    record(event, afterSeq) {
      const item: Queued = { placed: { afterSeq, event } };
      const requestSession = event.kind === 'response' ? sessionOfRequest.get(event.requestId) : undefined;
      if (event.kind === 'response') sessionOfRequest.delete(event.requestId);
      assign(item, requestSession ?? currentSessionId);
      queue.push(item);
      report();
      void flush();
    },
    setCurrentSession(sessionId) {
      currentSessionId = sessionId;
      void flush();
    },
  };
}

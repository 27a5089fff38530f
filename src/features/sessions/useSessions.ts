/**
 * The history as the UI drives it: at start, the current session (a new one
 * when there is none) is loaded into the timeline; New session ends it and
 * starts another; Open shows an ended session instead of the live timeline;
 * Delete removes an ended one. Requests and responses are saved as they
 * happen. The timeline itself is App's: this hook only hands it events.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Session, SessionEvents } from '../../graph/sessions';
import type { TimelineEvent } from '../../graph/timeline';
import { FIRST_READ_NEWEST } from '../../graph/sessionPaths';
import { createEventRecorder, type RecorderState } from './eventRecorder';
import { sessionStorageJournal } from './unsavedJournal';
import { takePreloadedCurrent } from './preload';
import { deleteSession, loadSessionEvents, postEvents, sessionsQuery, startSession } from './sessionsApi';

export interface SessionsWiring {
  /**
   * Show the current session's stored events as the live timeline (at start, after New session).
   * `before`: they are its newest; what came before notification `before` follows in showEarlier.
   */
  showCurrent(session: Session, events: TimelineEvent[], before?: number): void;
  /** The rest of the current session, to go before what showCurrent showed (its `before`); none when it could not be loaded. */
  showEarlier(session: Session, before: number, events: TimelineEvent[]): Promise<void>;
  /** Show an ended session's events instead of the live timeline; undefined: the live timeline again. */
  showEnded(events: TimelineEvent[] | undefined): void;
  /** Subscribes to the live timeline's growth (returns the unsubscribe): the list's event counts are refreshed after it. */
  onLiveEventsGrow(listener: () => void): () => void;
  /** Where this tab keeps recorded events until they are stored (one per mode: each mode has its own history). */
  unsavedEventsKey: string;
}

/** The history's state and actions. The sessions list is not here: the panel that shows it subscribes to it (sessionsQuery), so its reloads, once a second in a busy stream, re-render that panel and not the page. */
export interface Sessions {
  current?: Session;
  /** The ended session shown instead of the current one, if any. */
  opened?: Session;
  /** Why the history could not be reached or an action failed. */
  error?: string;
  saving: RecorderState;
  pending: boolean;
  startNew(name: string): void;
  open(id: string): void;
  showCurrent(): void;
  remove(id: string): void;
  retry(): void;
  /** Saves a request or response the browser recorded; `afterSeq` is the relay seq it had then. */
  record(event: TimelineEvent, afterSeq: number): void;
}

/** How a session is named when the user names none: when it started, in the user's words. */
export function sessionStamp(date = new Date()): string {
  return date.toLocaleString([], { dateStyle: 'medium', timeStyle: 'medium' });
}

/** How long loading a session waits for events recorded before a reload to be stored. */
const SETTLE_WAIT_MS = 5_000;
/** How long after the live timeline grows the sessions list is reloaded (a recorded event is stored by then)... */
const LIST_SETTLE_MS = 400;
/** ...and how long, at most, a stream that never pauses waits for it. */
const LIST_RELOAD_MS = 1_000;
/** Then the rest, this many notifications a request: each a short task to parse, with frames between. */
const EARLIER_PER_REQUEST = 2_000;

const recordedKey = (event: TimelineEvent) => (event.kind === 'request' ? `request:${event.id}` : event.kind === 'response' ? `response:${event.requestId}` : undefined);

/** The stored events, then those recorded and not stored yet that they do not hold. */
function withUnsaved(stored: TimelineEvent[], unsaved: readonly TimelineEvent[]): TimelineEvent[] {
  const have = new Set(stored.map(recordedKey));
  return [...stored, ...unsaved.filter((event) => !have.has(recordedKey(event)))];
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

export function useSessions(wiring: SessionsWiring): Sessions {
  const queryClient = useQueryClient();
  const [current, setCurrent] = useState<Session>();
  const [opened, setOpened] = useState<Session>();
  const [bootError, setBootError] = useState<string>();
  const [saving, setSaving] = useState<RecorderState>({ unsaved: 0 });
  // Read by callbacks that outlive a render (the list refresh, the boot), never during one.
  const currentRef = useRef<Session | undefined>(undefined);
  const latest = useRef(wiring);
  useEffect(() => {
    latest.current = wiring;
  });
  const [recorder] = useState(() => createEventRecorder({ post: postEvents, onChange: setSaving, journal: sessionStorageJournal(wiring.unsavedEventsKey) }));

  /** What the current session holds before notification `before`, newest requests first, shown together once all is in. */
  const loadEarlier = useCallback(async (session: Session, before: number) => {
    const parts: TimelineEvent[][] = [];
    for (let next: number | undefined = before; next !== undefined; ) {
      const part = await loadSessionEvents(session.id, { newest: EARLIER_PER_REQUEST, before: next });
      // Another session became current meanwhile: these events are no longer wanted.
      if (currentRef.current?.id !== session.id) return;
      parts.unshift(part.events);
      next = part.before;
    }
    await latest.current.showEarlier(session, before, parts.flat());
  }, []);

  /** `preloaded`: the session's newest events, read as the page started (read now when not given). */
  const becomeCurrent = useCallback(
    async (id: string, preloaded?: SessionEvents) => {
      // What was recorded before a reload is stored first, so the loaded timeline holds it in its place;
      // if the history is slow to take it, it is shown anyway, after what was stored.
      await Promise.race([recorder.settled(), new Promise((resolve) => setTimeout(resolve, SETTLE_WAIT_MS))]);
      // The newest first, shown at once; the relay then starts after them while the rest loads behind.
      const { session, events, before } = preloaded ?? (await loadSessionEvents(id, { newest: FIRST_READ_NEWEST }));
      currentRef.current = session;
      setCurrent(session);
      setOpened(undefined);
      latest.current.showCurrent(session, withUnsaved(events, recorder.unsaved(session.id)), before);
      recorder.setCurrentSession(session.id);
      if (before !== undefined) {
        void loadEarlier(session, before).catch((error: unknown) => {
          setBootError(`Only the newest events of this session are shown: the earlier ones could not be loaded (${message(error)}). Retry to load them.`);
          // Nothing earlier is coming: the timeline stops saying it is loading (Retry loads the session again).
          void latest.current.showEarlier(session, before, []);
        });
      }
    },
    [loadEarlier, recorder],
  );

  const refreshList = useCallback(async () => {
    // Fetched whether or not the panel is open (a fetch under way is joined): it also tells of another tab's new session.
    // A failure stays in the query, where the panel shows it.
    const listed = await queryClient.fetchQuery({ ...sessionsQuery, staleTime: 0 }).catch(() => undefined);
    // Another tab started a new session: follow it, as new events belong there now. Only a newer
    // one: a list fetched before this tab's own New session still names the session it ended.
    const mine = currentRef.current;
    const newer = listed?.sessions.find((session) => session.id === listed.currentId && mine !== undefined && session.startedAt > mine.startedAt);
    if (newer) await becomeCurrent(newer.id).catch((error: unknown) => setBootError(`Could not follow the new current session: ${message(error)}`));
  }, [becomeCurrent, queryClient]);

  const connect = useCallback(async () => {
    setBootError(undefined);
    try {
      // Read as the page started (none there when the journal held events, or on a retry): the list is not waited for,
      // it loads beside (useQuery above).
      const preloaded = await takePreloadedCurrent();
      if (preloaded) await becomeCurrent(preloaded.session.id, preloaded);
      else {
        const known = await queryClient.fetchQuery(sessionsQuery);
        await becomeCurrent(known.currentId ?? (await startSession(`Opened ${sessionStamp()}`)).id);
      }
    } catch (error) {
      setBootError(`The history could not be loaded, so nothing is being saved: ${message(error)}`);
    }
    void refreshList();
  }, [becomeCurrent, queryClient, refreshList]);

  // Once per page (StrictMode runs effects twice in development: the ref keeps it to one session).
  const connected = useRef(false);
  useEffect(() => {
    if (connected.current) return;
    connected.current = true;
    void connect();
  }, [connect]);

  // Counts change as events arrive (relayed, or recorded here and stored a moment later): the list is reloaded
  // shortly after the live timeline grows, and at least once a second while it keeps growing. This hook is the
  // list's one reloader.
  const { onLiveEventsGrow } = wiring;
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let growingSince: number | undefined;
    const reload = () => {
      timer = undefined;
      growingSince = undefined;
      void refreshList();
    };
    const unsubscribe = onLiveEventsGrow(() => {
      const now = performance.now();
      growingSince ??= now;
      clearTimeout(timer);
      timer = setTimeout(reload, Math.max(0, Math.min(LIST_SETTLE_MS, growingSince + LIST_RELOAD_MS - now)));
    });
    return () => {
      unsubscribe();
      clearTimeout(timer);
    };
  }, [onLiveEventsGrow, refreshList]);

  const showCurrent = useCallback(() => {
    setOpened(undefined);
    latest.current.showEnded(undefined);
  }, []);

  const startNew = useMutation({
    mutationFn: async (name: string) => becomeCurrent((await startSession(name.trim() || `Started ${sessionStamp()}`)).id),
    onSettled: refreshList,
  });
  const open = useMutation({
    mutationFn: async (id: string) => {
      if (id === current?.id) return showCurrent();
      const { session, events } = await loadSessionEvents(id);
      setOpened(session);
      latest.current.showEnded(events);
    },
  });
  const remove = useMutation({
    mutationFn: async (id: string) => {
      await deleteSession(id);
      if (opened?.id === id) showCurrent();
    },
    onSettled: refreshList,
  });

  const record = useCallback(
    (event: TimelineEvent, afterSeq: number) => {
      // Only what the browser did itself: notifications are stored by the relay's side,
      // and a scenario replay's events are the scenario's, not this session's.
      if (event.replayed || event.kind === 'notification') return;
      recorder.record(event, afterSeq);
    },
    [recorder],
  );

  const actionError = startNew.error ?? open.error ?? remove.error;
  const error = bootError ?? (actionError ? message(actionError) : undefined);
  return {
    ...(current ? { current } : {}),
    ...(opened ? { opened } : {}),
    ...(error ? { error } : {}),
    saving,
    pending: startNew.isPending || open.isPending || remove.isPending,
    startNew: (name) => startNew.mutate(name),
    open: (id) => open.mutate(id),
    showCurrent,
    remove: (id) => remove.mutate(id),
    retry: () => void connect(),
    record,
  };
}

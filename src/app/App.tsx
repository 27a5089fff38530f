import { useQuery } from '@tanstack/react-query';
import { useCallback, useState, type ComponentProps } from 'react';
import type { MediaAction } from '../graph/media';
import type { RelayMessage } from '../graph/schemas';
import { relayNotificationEvent } from '../graph/sessionTimeline';
import type { KnownCall } from '../graph/console';
import type { TimelineEvent } from '../graph/timeline';
import { preloadable, useLoaded } from '../lib/preloadable';
import { queryClient } from '../lib/queryClient';
import { useThrottled } from '../lib/useThrottled';
import { CallPicker } from '../features/calls/CallPicker';
import { callsKeys, knownCallsQuery } from '../features/calls/knownCallsQuery';
import { CancelForm } from '../features/cancel/CancelForm';
import { useCancelFormStore } from '../features/cancel/formStore';
import { configQuery } from '../features/mode/configQuery';
import { ModeSwitch } from '../features/mode/ModeSwitch';
import { useModeStore } from '../features/mode/modeStore';
import { RelayStatus } from '../features/relay/RelayStatus';
import { useSessions } from '../features/sessions/useSessions';
import { useRelay } from '../features/relay/useRelay';
import type { MediaControls } from '../features/media/MediaControls';
import type { ScenariosPanel } from '../features/scenarios/ScenariosPanel';
import type { CallLabel } from '../features/timeline/LatestStrip';
import { useTimelineStore } from '../features/timeline/timelineStore';
import { useShallow } from 'zustand/react/shallow';
import { unsavedEventsKey } from './earlyLoads';
import { LoadedPanel } from './LoadedPanel';
import { ToolTabs } from './ToolTabs';

// Mock mode's media controls: not needed to send a cancel, so loaded beside the first paint, out of the initial bundle.
const mediaControlsCode = preloadable(() => import('../features/media/MediaControls'));
// The tool panels' code: fetched when their tab is opened, or once the page is idle (ToolTabs), and drawn without a fallback then.
const scenariosCode = preloadable(() => import('../features/scenarios/ScenariosPanel'));
const sessionsPanelCode = preloadable(() => import('../features/sessions/SessionsPanel'));
const snippetsCode = preloadable(() => import('../features/snippets/Snippets'));
// The timeline (its reducer, views and filters) loads beside the form: the first paint does not wait for it. Drawn
// in the render that finds it loaded, never through a Suspense fallback, which would hold the events back up to 300 ms.
const timelineCode = preloadable(() => import('../features/timeline/Timeline'));
void timelineCode.load();

/** The app composes the features: it owns the wiring between them, they never import each other. */
export function App({ bootError }: { bootError?: string }) {
  const mode = useModeStore((state) => state.mode);
  // App reads no form field and no timeline event itself: the parts that show them subscribe to what they show,
  // so a keystroke or a relay batch re-renders those parts, not the whole page.
  const addEvent = useTimelineStore((state) => state.add);
  const config = useQuery(configQuery);
  const timeline = useLoaded(timelineCode);

  const [refused, setRefused] = useState(0);
  const onCallsChanged = useCallback(() => void queryClient.invalidateQueries({ queryKey: callsKeys.known }), []);
  const reloadCallsSoon = useThrottled(reloadKnownCalls, CALLS_RELOAD_MS);
  const onRelayMessages = useCallback((messages: readonly RelayMessage[]) => {
    reloadCallsSoon();
    const timeline = useTimelineStore.getState();
    // The batch's notifications go to the timeline together, in order: one update, one render.
    let notifications: TimelineEvent[] = [];
    const flushNotifications = () => {
      if (notifications.length > 0) timeline.addAll(notifications);
      notifications = [];
    };
    for (const message of messages) {
      if (message.type === 'notification') {
        // A redelivered copy keeps its flag: the store shows it marked and does not count it again.
        notifications.push(relayNotificationEvent(message));
        continue;
      }
      flushNotifications();
      if (message.type === 'hello') {
        if (message.lastSeq < useTimelineStore.getState().lastSeq) timeline.rewindTo(message.lastSeq);
      } else if (message.type === 'botAnswer') timeline.setBotAnswer(message.seq, message.bot);
      else setRefused(message.count);
    }
    flushNotifications();
  }, [reloadCallsSoon]);

  // History: the timeline shows the current session (loaded at start) or an ended one opened from the list.
  const sessions = useSessions({
    showCurrent: (session, events, before) => useTimelineStore.getState().loadSession(session.id, session.startSeq, events, before),
    // Loaded with the fold it needs only when there is something earlier to show: the first paint does not wait for it.
    showEarlier: async (session, before, events) => (await import('../features/timeline/earlierEvents')).showEarlierEvents(session.id, before, events),
    showEnded: (events) => useTimelineStore.getState().showArchived(events),
    onLiveEventsGrow: subscribeToLiveEvents,
    unsavedEventsKey: unsavedEventsKey(mode),
  });
  // The relay starts once the current session is loaded (or could not be): it then sends only what the session
  // does not hold, instead of every stored notification a second time.
  const [relayWanted, setRelayWanted] = useState(false);
  if (!relayWanted && (sessions.current !== undefined || sessions.error !== undefined)) setRelayWanted(true);
  const relay = useRelay(() => useTimelineStore.getState().lastSeq, onRelayMessages, relayWanted);
  const { record, showCurrent: showCurrentSession } = sessions;
  const onEvent = useCallback(
    (event: TimelineEvent) => {
      // Sending while an ended session is shown: show the current one, where the new events go.
      if (useTimelineStore.getState().archived) showCurrentSession();
      addEvent(event);
      record(event, useTimelineStore.getState().lastSeq);
    },
    [addEvent, record, showCurrentSession],
  );
  const liveUnavailable = mode === 'live' && config.data && !config.data.live.available;
  // Only what the timeline's group labels show: the calls' other fields (last seen...) change with every
  // notification, and the page must not re-render for them.
  const callLabels = useQuery({ ...knownCallsQuery, select: labelsOfCalls });
  const [presenting, setPresenting] = useState(false);
  const getEvents = useCallback(() => useTimelineStore.getState().events, []);
  // Media clientContexts number on from what the timeline holds (prompt-1, prompt-2…), so a scenario's clicks can be replayed.
  const queuedSoFar = useCallback(
    (action: MediaAction) => getEvents().filter((event) => event.kind === 'request' && event.path.endsWith(`/${action}`)).length,
    [getEvents],
  );
  // A replay starts on a fresh timeline, so what is shown is the scenario and nothing else.
  const onReplayStart = useCallback(() => {
    showCurrentSession();
    useTimelineStore.getState().clear();
  }, [showCurrentSession]);
  const labels = callLabels.data;
  const describeCall = useCallback(
    (id: string) => {
      const call = labels?.find((known) => known.id.toLowerCase() === id.toLowerCase());
      return call ? { ...(call.label ? { label: call.label } : {}), participants: call.participants } : undefined;
    },
    [labels],
  );

  return (
    <div className={presenting ? 'app presenting' : 'app'}>
      <a className="skip-link" href="#timeline-heading">
        Skip to the timeline
      </a>
      {!presenting && (
        <header className="app-header">
          <h1>Comms Console</h1>
          <p className="tagline">
            <code>call: cancelMediaProcessing</code> · {mode === 'mock' ? 'mock Graph in your browser' : 'live Graph through the console server'}
          </p>
          <ModeSwitch />
          <RelayStatus status={relay} refused={refused} />
        </header>
      )}
      {presenting && (
        // The relay's state stays announced while presenting: a stakeholder's demo still needs it connected.
        <header className="presenting-status">
          <h1 className="visually-hidden">Comms Console</h1>
          <RelayStatus status={relay} refused={refused} />
        </header>
      )}
      {bootError && (
        <div className="banner error" role="alert">
          {bootError}
        </div>
      )}
      {liveUnavailable && !presenting && (
        <div className="banner error" role="alert">
          {config.data.live.reason ?? 'Live mode is off: the server has no Graph credentials.'} Switch to Mock, or configure the server and restart it.
        </div>
      )}
      {mode === 'live' && config.data?.callbackUrl && !presenting && (
        // A landmark of its own, so nothing on the page sits outside one.
        <aside className="banner" aria-label="Callback URL">
          Register <code>{config.data.callbackUrl}</code> as the bot&apos;s callback URL to see Graph&apos;s notifications here.
          {config.data.callbackUrlNote && <> {config.data.callbackUrlNote}</>}
        </aside>
      )}
      <main className="layout">
        <div className="column side">
          {!presenting && (
            <CancelForm
              {...(config.data?.appId ? { appId: config.data.appId } : {})}
              onEvent={onEvent}
              renderCallPicker={(field) => <FormCallPicker {...field} />}
            />
          )}
          {mode === 'mock' && !presenting && (
            <LoadedPanel code={mediaControlsCode} what="media controls">
              {(module) => <FormMediaControls Controls={module.MediaControls} onEvent={onEvent} queuedSoFar={queuedSoFar} onCallsChanged={onCallsChanged} />}
            </LoadedPanel>
          )}
          <ToolTabs
            {...(presenting ? { forced: 'scenarios' } : {})}
            pageShown={relayWanted}
            tabs={[
              {
                id: 'scenarios',
                label: 'Scenarios',
                prefetch: scenariosCode.load,
                content: (
                  <LoadedPanel code={scenariosCode} what="scenarios">
                    {(module) => (
                      <ScenariosWithCalls
                        Panel={module.ScenariosPanel}
                        mode={mode}
                        getEvents={getEvents}
                        onReplayStart={onReplayStart}
                        onReplayEvent={onEvent}
                        presenting={presenting}
                        onPresentingChange={setPresenting}
                      />
                    )}
                  </LoadedPanel>
                ),
              },
              {
                id: 'sessions',
                label: 'Sessions',
                prefetch: sessionsPanelCode.load,
                content: <LoadedPanel code={sessionsPanelCode} what="sessions">{(module) => <module.SessionsPanel sessions={sessions} />}</LoadedPanel>,
              },
              {
                id: 'snippets',
                label: 'Code snippets',
                prefetch: snippetsCode.load,
                content: <FormSnippets {...(config.data?.appId ? { appId: config.data.appId } : {})} />,
              },
            ]}
          />
        </div>
        <div className="column main">
          {timeline.module ? (
            <timeline.module.Timeline
              {...(sessions.opened ? { note: `Showing “${sessions.opened.name}”, an ended session: live notifications go to the current session.` } : {})}
              describeCall={describeCall}
              presenting={presenting}
            />
          ) : (
            <section className="panel timeline" aria-labelledby="timeline-heading">
              <h2 id="timeline-heading">Operation timeline</h2>
              <p className="hint" role={timeline.error ? 'alert' : undefined}>
                {timeline.error ? `The timeline could not be loaded (${timeline.error}). Reload the page to try again.` : 'Loading the timeline…'}
              </p>
            </section>
          )}
        </div>
      </main>
    </div>
  );
}

/** How often, at most, a busy relay reloads the calls list. */
const CALLS_RELOAD_MS = 1_000;

/**
 * The relay pushes every change: what the calls list shows is reloaded then, not polled (the sessions list
 * is useSessions' to reload: it also sees the events the browser records). A fetch already under way is
 * left to finish: a busy relay must not keep restarting it.
 */
function reloadKnownCalls() {
  void queryClient.invalidateQueries({ queryKey: callsKeys.known }, { cancelRefetch: false });
}

/**
 * The part of the known calls that names them, by id: the list comes most recently seen first, an order a busy
 * relay changes with every reload. Sorted, the labels stay equal while the calls do, and react-query keeps them as
 * the same object: the page does not re-render for a reload that renamed nothing.
 */
function labelsOfCalls(calls: readonly KnownCall[]): (CallLabel & { id: string })[] {
  return calls
    .map((call) => ({ id: call.id, ...(call.label ? { label: call.label } : {}), participants: call.participants.map((participant) => participant.displayName) }))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The scenarios panel with the calls it offers: only this re-renders when the calls list is reloaded. */
function ScenariosWithCalls({ Panel, ...props }: { Panel: typeof ScenariosPanel } & Omit<ComponentProps<typeof ScenariosPanel>, 'calls'>) {
  const knownCalls = useQuery(knownCallsQuery);
  return <Panel calls={knownCalls.data ?? []} {...props} />;
}

/** Calls `listener` when the live timeline gains events: a store subscription, so no component re-renders for it. */
function subscribeToLiveEvents(listener: () => void): () => void {
  return useTimelineStore.subscribe((state, previous) => {
    if (state.events.length !== previous.events.length) listener();
  });
}

/** The form's call picker: only this re-renders when the call changes. */
function FormCallPicker(field: Omit<ComponentProps<typeof CallPicker>, 'value' | 'onChange'>) {
  const callId = useCancelFormStore((state) => state.callId);
  const updateForm = useCancelFormStore((state) => state.update);
  return <CallPicker value={callId} onChange={(next) => updateForm({ callId: next })} {...field} />;
}

/** The media controls act on the form's call. */
function FormMediaControls({ Controls, ...props }: { Controls: typeof MediaControls } & Omit<ComponentProps<typeof MediaControls>, 'callId'>) {
  const callId = useCancelFormStore((state) => state.callId);
  return <Controls callId={callId} {...props} />;
}

/** The snippets of the request in the form: only this re-renders as the user types. */
function FormSnippets({ appId }: { appId?: string }) {
  const input = useCancelFormStore(
    useShallow((form) => ({ callId: form.callId, profileId: form.profileId, all: form.all, clientContext: form.clientContext, legacyForm: form.legacyForm })),
  );
  return <LoadedPanel code={snippetsCode} what="snippets">{(module) => <module.Snippets input={{ ...input, ...(appId ? { appId } : {}) }} />}</LoadedPanel>;
}

import { useQuery } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { RelayMessage } from '../graph/schemas';
import type { TimelineEvent } from '../graph/timeline';
import { CallPicker } from '../features/calls/CallPicker';
import { CancelForm } from '../features/cancel/CancelForm';
import { useCancelFormStore } from '../features/cancel/formStore';
import { MediaControls } from '../features/media/MediaControls';
import { configQuery } from '../features/mode/configQuery';
import { ModeSwitch } from '../features/mode/ModeSwitch';
import { useModeStore } from '../features/mode/modeStore';
import { RelayStatus } from '../features/relay/RelayStatus';
import { Snippets } from '../features/snippets/Snippets';
import { useRelay } from '../features/relay/useRelay';
import { Timeline } from '../features/timeline/Timeline';
import { useTimelineStore } from '../features/timeline/timelineStore';

/** The app composes the features: it owns the wiring between them, they never import each other. */
export function App({ bootError }: { bootError?: string }) {
  const mode = useModeStore((state) => state.mode);
  const form = useCancelFormStore();
  const callId = form.callId;
  const updateForm = form.update;
  const addEvent = useTimelineStore((state) => state.add);
  const config = useQuery(configQuery);

  const onRelayMessage = useCallback((message: RelayMessage) => {
    const timeline = useTimelineStore.getState();
    if (message.type === 'hello') {
      if (message.lastSeq < timeline.lastSeq) timeline.rewindTo(message.lastSeq);
      return;
    }
    timeline.add({ kind: 'notification', seq: message.seq, receivedAt: message.receivedAt, verified: message.verified, source: message.source, body: message.body });
  }, []);
  const relay = useRelay(() => useTimelineStore.getState().lastSeq, onRelayMessage);
  const onEvent = useCallback((event: TimelineEvent) => addEvent(event), [addEvent]);
  const liveUnavailable = mode === 'live' && config.data && !config.data.live.available;

  return (
    <div className="app">
      <header className="app-header">
        <h1>Comms Console</h1>
        <p className="tagline">
          <code>call: cancelMediaProcessing</code> · {mode === 'mock' ? 'mock Graph in your browser' : 'live Graph through the console server'}
        </p>
        <ModeSwitch />
        <RelayStatus status={relay} />
      </header>
      {bootError && (
        <div className="banner error" role="alert">
          {bootError}
        </div>
      )}
      {liveUnavailable && (
        <div className="banner error" role="alert">
          {config.data.live.reason ?? 'Live mode is off: the server has no Graph credentials.'} Switch to Mock, or configure the server and restart it.
        </div>
      )}
      {mode === 'live' && config.data?.callbackUrl && (
        <p className="banner">
          Register <code>{config.data.callbackUrl}</code> as the bot&apos;s callback URL to see Graph&apos;s notifications here.
        </p>
      )}
      <main className="layout">
        <div className="column">
          <CancelForm
            {...(config.data?.appId ? { appId: config.data.appId } : {})}
            onEvent={onEvent}
            renderCallPicker={(field) => <CallPicker value={callId} onChange={(next) => updateForm({ callId: next })} {...field} />}
          />
          {mode === 'mock' && <MediaControls callId={callId} onEvent={onEvent} />}
          <Snippets
            input={{
              callId,
              profileId: form.profileId,
              all: form.all,
              clientContext: form.clientContext,
              legacyForm: form.legacyForm,
              ...(config.data?.appId ? { appId: config.data.appId } : {}),
            }}
          />
        </div>
        <div className="column wide">
          <Timeline />
        </div>
      </main>
    </div>
  );
}

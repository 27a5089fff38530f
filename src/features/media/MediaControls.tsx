import { useMutation } from '@tanstack/react-query';
import { isGuid } from '../../graph/ids';
import { graphErrorSchema, operationSchema } from '../../graph/schemas';
import { parseOperationUrl, type TimelineEvent } from '../../graph/timeline';
import { mediaBody, mediaClientContext, mediaPath, type MediaAction } from '../../graph/media';
import { callGraph } from '../../lib/graphFetch';
import { newGuid } from '../../lib/newGuid';
import { MOCK_RESET_PATH } from '../../graph/console';

interface MediaControlsProps {
  callId: string;
  onEvent(event: TimelineEvent): void;
  /** How many of this action the timeline holds already: the next clientContext carries on from it. */
  queuedSoFar(action: MediaAction): number;
  /** The calls changed (media queued, new demo calls): whoever lists them reloads. */
  onCallsChanged(): void;
}

const QUEUED_HINT: Record<MediaAction, string> = {
  playPrompt: 'Prompt queued',
  recordResponse: 'Recording queued',
  subscribeToTone: 'Tone subscription started',
};

/** The operation Graph made, from its Location header or the operation in the body. */
function answeredOperationId(answer: { headers: Record<string, string>; body: unknown }): string | undefined {
  const location = answer.headers.location ? parseOperationUrl(answer.headers.location) : undefined;
  if (location) return location.operationId;
  const body = operationSchema.safeParse(answer.body);
  return body.success ? (body.data.id ?? undefined) : undefined;
}

/** Mock mode only: queue media on the chosen call through the same Graph actions a bot would use. */
export function MediaControls({ callId, onEvent, queuedSoFar, onCallsChanged }: MediaControlsProps) {
  const queue = useMutation({
    mutationFn: async (action: MediaAction) => {
      const clientContext = mediaClientContext(action, queuedSoFar(action) + 1);
      const path = mediaPath(callId.trim(), action);
      const body = mediaBody(action, clientContext);
      const id = newGuid();
      onEvent({ kind: 'request', id, at: new Date().toISOString(), callId: callId.trim(), profile: 'v1.0', method: 'POST', path, body });
      const answer = await callGraph({ method: 'POST', path, body, clientRequestId: id });
      onEvent({ kind: 'response', requestId: id, at: new Date().toISOString(), status: answer.status, headers: answer.headers, body: answer.body });
      if (answer.status >= 400) {
        const error = graphErrorSchema.safeParse(answer.body);
        throw new Error(error.success ? error.data.error.message : `Graph answered ${answer.status}.`);
      }
      return { action, clientContext, operationId: answeredOperationId(answer) };
    },
    onSettled: onCallsChanged,
  });
  const reset = useMutation({
    mutationFn: async () => {
      const response = await fetch(MOCK_RESET_PATH, { method: 'POST' });
      if (!response.ok) throw new Error(`Reset failed: ${response.status}`);
    },
    onSettled: onCallsChanged,
  });
  const usable = isGuid(callId.trim());
  // aria-disabled, not disabled: the button pressed keeps the focus while its request is on its way.
  const canQueue = usable && !queue.isPending;

  return (
    <section className="panel media" aria-labelledby="media-heading">
      <h2 id="media-heading">Queue media (mock)</h2>
      <p className="hint">Something to cancel: prompts play 15 s, recordings up to 30 s; a tone subscription is never cancelled.</p>
      <div className="actions">
        <button type="button" aria-disabled={!usable || queue.isPending} onClick={() => canQueue && queue.mutate('playPrompt')}>
          Play prompt
        </button>
        <button type="button" aria-disabled={!usable || queue.isPending} onClick={() => canQueue && queue.mutate('recordResponse')}>
          Record response
        </button>
        <button type="button" aria-disabled={!usable || queue.isPending} onClick={() => canQueue && queue.mutate('subscribeToTone')}>
          Subscribe to tones
        </button>
        <button type="button" className="secondary" disabled={reset.isPending} onClick={() => reset.mutate()}>
          Reset demo calls
        </button>
      </div>
      {!usable && <p className="hint">Choose a call first.</p>}
      {queue.isError && (
        <p className="field-error" role="alert">
          Could not queue media: {queue.error.message}
        </p>
      )}
      {queue.isSuccess && (
        // The operation's id lets a person (or a generated spec) find its lane: "Search payloads" takes id:<operation id>.
        <p className="hint">
          {QUEUED_HINT[queue.data.action]}: {queue.data.clientContext}
          {queue.data.operationId && (
            <>
              , operation <code>{queue.data.operationId}</code>
            </>
          )}
          .
        </p>
      )}
    </section>
  );
}

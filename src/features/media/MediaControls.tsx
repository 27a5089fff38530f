import { useMutation, useQueryClient } from '@tanstack/react-query';
import { isGuid } from '../../graph/ids';
import { graphErrorSchema } from '../../graph/schemas';
import type { TimelineEvent } from '../../graph/timeline';
import { callGraph } from '../../lib/graphFetch';
import { newGuid } from '../../lib/newGuid';
import { MOCK_RESET_PATH } from '../../graph/console';
import { playPromptBody, recordResponseBody } from './mediaRequests';

interface MediaControlsProps {
  callId: string;
  onEvent(event: TimelineEvent): void;
}

type Action = 'playPrompt' | 'recordResponse';

/** Mock mode only: queue media on the chosen call through the same Graph actions a bot would use. */
export function MediaControls({ callId, onEvent }: MediaControlsProps) {
  const queryClient = useQueryClient();
  const queue = useMutation({
    mutationFn: async (action: Action) => {
      const clientContext = `${action === 'playPrompt' ? 'prompt' : 'recording'}-${newGuid().slice(0, 8)}`;
      const path = `/v1.0/communications/calls/${callId.trim()}/${action}`;
      const body = action === 'playPrompt' ? playPromptBody(clientContext) : recordResponseBody(clientContext);
      const id = newGuid();
      onEvent({ kind: 'request', id, at: new Date().toISOString(), callId: callId.trim(), profile: 'v1.0', method: 'POST', path, body });
      const answer = await callGraph({ method: 'POST', path, body, clientRequestId: id });
      onEvent({ kind: 'response', requestId: id, at: new Date().toISOString(), status: answer.status, headers: answer.headers, body: answer.body });
      if (answer.status >= 400) {
        const error = graphErrorSchema.safeParse(answer.body);
        throw new Error(error.success ? error.data.error.message : `Graph answered ${answer.status}.`);
      }
      return action;
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['known-calls'] }),
  });
  const reset = useMutation({
    mutationFn: async () => {
      const response = await fetch(MOCK_RESET_PATH, { method: 'POST' });
      if (!response.ok) throw new Error(`Reset failed: ${response.status}`);
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['known-calls'] }),
  });
  const usable = isGuid(callId.trim());

  return (
    <section className="panel media" aria-labelledby="media-heading">
      <h2 id="media-heading">Queue media (mock)</h2>
      <p className="hint">Queue media on the chosen call so there is something to cancel. Prompts play 15 s; recordings last up to 30 s.</p>
      <div className="actions">
        <button type="button" disabled={!usable || queue.isPending} onClick={() => queue.mutate('playPrompt')}>
          Play prompt
        </button>
        <button type="button" disabled={!usable || queue.isPending} onClick={() => queue.mutate('recordResponse')}>
          Record response
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
      {queue.isSuccess && <p className="hint">{queue.data === 'playPrompt' ? 'Prompt queued.' : 'Recording queued.'}</p>}
    </section>
  );
}

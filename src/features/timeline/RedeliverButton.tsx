import { useMutation } from '@tanstack/react-query';
import { redeliverPath, redeliveryResultSchema } from '../../graph/sessions';
import { sendJson } from '../../lib/sendJson';

/**
 * Asks the relay to send a stored notification again (as ngrok's replay does), to see how
 * the timeline takes it. The copy comes back on the relay marked `redelivered`; nothing is stored.
 */
export function RedeliverButton({ seq }: { seq: number }) {
  const redeliver = useMutation({ mutationFn: () => sendJson('POST', redeliverPath(seq), { schema: redeliveryResultSchema }) });
  return (
    <>
      <button type="button" className="secondary small" aria-label={`Redeliver notification ${seq}`} disabled={redeliver.isPending} onClick={() => redeliver.mutate()}>
        Redeliver
      </button>
      {redeliver.isError && (
        <span className="field-error" role="alert">
          Could not redeliver: {redeliver.error.message}
        </span>
      )}
      {redeliver.data?.clients === 0 && <span className="hint"> No relay connection received it: reconnect and try again.</span>}
    </>
  );
}

import type { RelayStatusInfo } from './useRelay';

const TEXT = { connected: 'Connected', reconnecting: 'Reconnecting…', disconnected: 'Disconnected' } as const;

/** `refused`: with FORWARD_TO, requests to the callback forwarded to the bot but not shown (token or body refused). */
export function RelayStatus({ status, refused = 0 }: { status: RelayStatusInfo; refused?: number }) {
  return (
    <div className="relay-status">
      <span className="visually-hidden">Relay:</span>
      <span role="status" className={`dot ${status.state}`} title={status.detail}>
        {TEXT[status.state]}
      </span>
      {status.state === 'disconnected' && (
        <button type="button" className="secondary small" onClick={status.reconnect}>
          Reconnect
        </button>
      )}
      {/* Its own live region: why the relay is down, and what to do, is read out as well as shown. */}
      <span role="status" className="hint">
        {status.state !== 'connected' ? status.detail : undefined}
      </span>
      {refused > 0 && (
        <span className="badge warn" title="Requests to the callback whose token or body failed: forwarded to the bot, not shown here.">
          {refused} refused
        </span>
      )}
    </div>
  );
}

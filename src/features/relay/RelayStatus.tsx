import type { RelayStatusInfo } from './useRelay';

const TEXT = { connected: 'Connected', reconnecting: 'Reconnecting…', disconnected: 'Disconnected' } as const;

export function RelayStatus({ status }: { status: RelayStatusInfo }) {
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
      {status.detail && status.state !== 'connected' && <span className="hint">{status.detail}</span>}
    </div>
  );
}

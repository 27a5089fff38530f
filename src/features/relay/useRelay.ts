import { useEffect, useRef, useState } from 'react';
import type { RelayMessage } from '../../graph/schemas';
import { connectRelay, type RelayConnection, type RelayState } from './relayClient';

export interface RelayStatusInfo {
  state: RelayState;
  detail?: string;
  reconnect(): void;
}

/** Keeps one relay connection open while mounted and reports its state. */
export function useRelay(since: () => number, onMessage: (message: RelayMessage) => void): RelayStatusInfo {
  const [status, setStatus] = useState<{ state: RelayState; detail?: string }>({ state: 'disconnected' });
  const connection = useRef<RelayConnection | undefined>(undefined);
  const latest = useRef({ since, onMessage });
  useEffect(() => {
    latest.current = { since, onMessage };
  });

  useEffect(() => {
    connection.current = connectRelay({
      since: () => latest.current.since(),
      onMessage: (message) => latest.current.onMessage(message),
      onState: (state, detail) => setStatus(detail === undefined ? { state } : { state, detail }),
    });
    return () => connection.current?.close();
  }, []);

  return { ...status, reconnect: () => connection.current?.reconnectNow() };
}

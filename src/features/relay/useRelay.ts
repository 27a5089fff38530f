import { useEffect, useRef, useState } from 'react';
import type { RelayMessage } from '../../graph/schemas';
import { connectRelay, type RelayConnection, type RelayState } from './relayClient';

export interface RelayStatusInfo {
  state: RelayState;
  detail?: string;
  reconnect(): void;
}

const HIDDEN_TAB_FLUSH_MS = 100;

/**
 * Keeps one relay connection open while mounted and `enabled`, and reports its state. Messages are handed
 * over in batches, at most one a frame: parsed and validated once, by the relay client, and trusted after.
 */
export function useRelay(since: () => number, onMessages: (messages: readonly RelayMessage[]) => void, enabled = true): RelayStatusInfo {
  const [status, setStatus] = useState<{ state: RelayState; detail?: string }>({ state: 'disconnected' });
  const connection = useRef<RelayConnection | undefined>(undefined);
  const latest = useRef({ since, onMessages });
  useEffect(() => {
    latest.current = { since, onMessages };
  });

  useEffect(() => {
    if (!enabled) return;
    // A burst of notifications arrives as many websocket messages, each its own task: handing them over
    // together once per frame lets React render once per frame instead of once per message. The timer
    // covers hidden tabs, where frames stop.
    let pending: RelayMessage[] = [];
    let frame: number | undefined;
    let fallback: number | undefined;
    const flush = () => {
      if (frame !== undefined) window.cancelAnimationFrame(frame);
      window.clearTimeout(fallback);
      frame = fallback = undefined;
      const batch = pending;
      pending = [];
      if (batch.length > 0) latest.current.onMessages(batch);
    };
    connection.current = connectRelay({
      since: () => latest.current.since(),
      onMessage: (message) => {
        pending.push(message);
        if (fallback !== undefined) return;
        frame = window.requestAnimationFrame(flush);
        fallback = window.setTimeout(flush, HIDDEN_TAB_FLUSH_MS);
      },
      onState: (state, detail) => setStatus(detail === undefined ? { state } : { state, detail }),
    });
    return () => {
      flush();
      connection.current?.close();
    };
  }, [enabled]);

  return { ...status, reconnect: () => connection.current?.reconnectNow() };
}

import { useEffect, useState } from 'react';

/** Past this, idle or not, the work waits no longer. */
const IDLE_TIMEOUT_MS = 2_000;

/**
 * True once `ready` has been true and the browser has then been idle (requestIdleCallback; a short
 * timer where there is none): for work the first screen does not need, done after it is drawn.
 */
export function useIdleAfter(ready: boolean): boolean {
  const [idle, setIdle] = useState(false);
  useEffect(() => {
    if (!ready || idle) return;
    if (typeof requestIdleCallback === 'function') {
      const handle = requestIdleCallback(() => setIdle(true), { timeout: IDLE_TIMEOUT_MS });
      return () => cancelIdleCallback(handle);
    }
    const timer = setTimeout(() => setIdle(true), 50);
    return () => clearTimeout(timer);
  }, [ready, idle]);
  return idle;
}

import { useCallback, useRef } from 'react';

/**
 * `run` at once, then at most once per `intervalMs` while calls keep coming (the last call is never dropped):
 * a stream of 100 notifications a second reloads the lists once a second, not once per batch.
 */
export function useThrottled(run: () => void, intervalMs: number): () => void {
  const state = useRef<{ last: number; timer?: number }>({ last: -Infinity });
  return useCallback(() => {
    const throttle = state.current;
    if (throttle.timer !== undefined) return;
    const wait = throttle.last + intervalMs - performance.now();
    const fire = () => {
      throttle.timer = undefined;
      throttle.last = performance.now();
      run();
    };
    if (wait <= 0) fire();
    else throttle.timer = window.setTimeout(fire, wait);
  }, [run, intervalMs]);
}

import type { GraphAnswer } from '../../lib/graphFetch';

/** How long Graph asked the app to wait before sending again (Retry-After, in seconds), if it did. */
export function retryAfterSeconds(answer: GraphAnswer): number | undefined {
  const seconds = Number(answer.headers['retry-after']);
  return Number.isFinite(seconds) && seconds > 0 ? seconds : undefined;
}

/**
 * Putting a session's earlier events (loaded after its newest were shown) before the
 * shown ones without holding up the page: their notification bodies are read and
 * validated a slice at a time, letting frames and relay messages through between
 * slices, so the one update that puts them in place only has lanes left to build.
 */
import { readNotificationBody, type TimelineEvent } from '../../graph/timeline';
import { useTimelineStore } from './timelineStore';

/** Bodies read between two yields: a few milliseconds' work on a slow machine. */
const BODIES_PER_SLICE = 400;

const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export async function showEarlierEvents(sessionId: string, before: number, earlier: readonly TimelineEvent[]): Promise<void> {
  for (let start = 0; start < earlier.length; start += BODIES_PER_SLICE) {
    for (const event of earlier.slice(start, start + BODIES_PER_SLICE)) if (event.kind === 'notification') readNotificationBody(event.body);
    await nextTask();
  }
  useTimelineStore.getState().loadEarlier(sessionId, before, earlier);
}

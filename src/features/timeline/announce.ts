import type { Timeline, TimelineEvent } from '../../graph/timeline';
import { describeChange, shortId } from './format';

/** One sentence for screen readers about the newest event. */
export function announce(event: TimelineEvent | undefined, timeline: Timeline): string {
  if (!event) return '';
  if (event.kind === 'request') return '';
  if (event.kind === 'response') {
    const request = timeline.requests[event.requestId];
    return `${request?.action ?? 'Request'} answered ${event.status}.`;
  }
  const changed = timeline.lanes.filter((lane) => lane.changes.some((change) => change.seq === event.seq));
  if (changed.length === 0) return `Notification ${event.seq} received.`;
  return changed
    .map((lane) => {
      const change = lane.changes.find((c) => c.seq === event.seq);
      return `${lane.type} ${shortId(lane.id)}: ${change ? describeChange(change) : 'updated'}.`;
    })
    .join(' ');
}

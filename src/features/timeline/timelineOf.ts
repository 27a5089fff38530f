import { buildTimeline, foldEvents, type Timeline, type TimelineEvent } from '../../graph/timeline';

let last: { events: readonly TimelineEvent[]; timeline: Timeline } | undefined;

/**
 * The timeline of the shown events. The store only ever appends (a new array with
 * the same earlier events), so when the new list extends the last one only the new
 * events are folded: an update costs its new events, not the whole history.
 */
export function timelineOf(events: readonly TimelineEvent[]): Timeline {
  if (last?.events === events) return last.timeline;
  const previous = last;
  const extendsPrevious =
    previous !== undefined &&
    previous.events.length > 0 &&
    events.length >= previous.events.length &&
    events[0] === previous.events[0] &&
    events[previous.events.length - 1] === previous.events[previous.events.length - 1];
  let timeline: Timeline;
  if (extendsPrevious) {
    timeline = foldEvents(previous.timeline, events.slice(previous.events.length));
  } else {
    timeline = buildTimeline(events);
  }
  last = { events, timeline };
  return timeline;
}

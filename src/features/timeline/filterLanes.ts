import type { OperationLane } from '../../graph/timeline';
import { NO_FILTER, type TimelineFilter } from './filterStore';

/** Whether any part of the filter is set (the store's actions, also on the object, are not parts). */
export function isFiltering(filter: TimelineFilter): boolean {
  return (Object.keys(NO_FILTER) as (keyof TimelineFilter)[]).some((key) => filter[key] !== '');
}

/** Lanes that match every set part of the filter; the search looks inside the raw payloads too. */
export function filterLanes(lanes: readonly OperationLane[], filter: TimelineFilter): OperationLane[] {
  const context = filter.clientContext.trim().toLowerCase();
  const search = filter.search.trim().toLowerCase();
  return lanes.filter((lane) => {
    if (filter.callId && lane.callId?.toLowerCase() !== filter.callId.toLowerCase()) return false;
    if (filter.type && lane.type !== filter.type) return false;
    if (filter.status && lane.changes.at(-1)?.status !== filter.status) return false;
    if (context && !(lane.clientContext ?? '').toLowerCase().includes(context)) return false;
    if (search) {
      const haystack = `${lane.id} ${lane.type} ${lane.clientContext ?? ''} ${JSON.stringify(lane.changes.map((change) => change.raw))}`.toLowerCase();
      if (!haystack.includes(search)) return false;
    }
    return true;
  });
}

import type { OperationLane } from '../../graph/timeline';
import { NO_FILTER, type TimelineFilter } from './filterStore';

/** Only the filter's own fields count: the store that holds them also holds its functions. */
export function isFiltering(filter: TimelineFilter): boolean {
  return (Object.keys(NO_FILTER) as (keyof TimelineFilter)[]).some((key) => filter[key] !== '');
}

/** `id:<operation id>` in the payload search: exactly that operation's lane (generated specs find lanes this way, at any timeline length). */
const ID_SEARCH = /^id:\s*(\S+)$/;

/** Lanes that match every set part of the filter; the search looks inside the raw payloads too. */
export function filterLanes(lanes: readonly OperationLane[], filter: TimelineFilter): OperationLane[] {
  const context = filter.clientContext.trim().toLowerCase();
  const search = filter.search.trim().toLowerCase();
  const operationId = ID_SEARCH.exec(search)?.[1];
  return lanes.filter((lane) => {
    if (filter.callId && lane.callId?.toLowerCase() !== filter.callId.toLowerCase()) return false;
    if (filter.type && lane.type !== filter.type) return false;
    if (filter.status && lane.changes.at(-1)?.status !== filter.status) return false;
    if (context && !(lane.clientContext ?? '').toLowerCase().includes(context)) return false;
    if (operationId !== undefined) return lane.id.toLowerCase() === operationId;
    if (search) {
      const haystack = `${lane.id} ${lane.type} ${lane.clientContext ?? ''} ${JSON.stringify(lane.changes.map((change) => change.raw))}`.toLowerCase();
      if (!haystack.includes(search)) return false;
    }
    return true;
  });
}

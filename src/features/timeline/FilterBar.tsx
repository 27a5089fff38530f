import { memo, useState } from 'react';
import { useTimelineFilterStore, type FilterState } from './filterStore';
import { isFiltering } from './filterLanes';
import { shortId } from './format';

const STATUSES = ['notStarted', 'running', 'completed', 'failed'];

interface FilterBarProps {
  /** The calls and operation types the timeline holds (the same arrays while they do not change). */
  callIds: readonly string[];
  types: readonly string[];
  shown: number;
  /** How many operations the timeline holds. */
  total: number;
}

/** Memoised: a relay batch re-renders it when the counts change, and its fields only when it brings a new call or type. */
export const FilterBar = memo(function FilterBar({ callIds: calls, types, shown, total }: FilterBarProps) {
  const filter = useTimelineFilterStore();
  // Announced when the user changes the filter, never as operations stream in: a live region that spoke on
  // every relay batch would drown out everything else (and cost DOM work per batch).
  const filterKey = JSON.stringify([filter.callId, filter.type, filter.status, filter.clientContext, filter.search]);
  const [announced, setAnnounced] = useState({ filterKey, text: '' });
  if (announced.filterKey !== filterKey) {
    setAnnounced({ filterKey, text: isFiltering(filter) ? `${shown} of ${total} operations match the filter.` : `Filters cleared: all ${total} operations shown.` });
  }
  return (
    <div className="filters" role="group" aria-label="Filter the timeline">
      <FilterChoices callIds={calls} types={types} filter={filter} />
      <p className="visually-hidden" aria-live="polite">
        {announced.text}
      </p>
      <p className="hint">
        {isFiltering(filter) ? `Showing ${shown} of ${total} operations.` : `${total} operations.`}
        {isFiltering(filter) && (
          <button type="button" className="secondary small" onClick={filter.clear}>
            Clear filters
          </button>
        )}
      </p>
    </div>
  );
});

/** The filter's fields: memoised, so a relay batch that changes only the counts leaves every select as it is. */
const FilterChoices = memo(function FilterChoices({ callIds: calls, types, filter }: { callIds: readonly string[]; types: readonly string[]; filter: FilterState }) {
  return (
    <>
      <label>
        {/* No "call" in this name: the call picker's accessible name "Call" must stay unique. */}
        Show operations of
        <select value={filter.callId} onChange={(event) => filter.update({ callId: event.target.value })}>
          <option value="">every call</option>
          {calls.map((id) => (
            <option key={id} value={id}>
              {shortId(id)}
            </option>
          ))}
          {filter.callId && !calls.includes(filter.callId) && <option value={filter.callId}>{shortId(filter.callId)}</option>}
        </select>
      </label>
      <label>
        Operation type
        <select value={filter.type} onChange={(event) => filter.update({ type: event.target.value })}>
          <option value="">All types</option>
          {types.map((type) => (
            <option key={type} value={type}>
              {type}
            </option>
          ))}
          {filter.type && !types.includes(filter.type) && <option value={filter.type}>{filter.type}</option>}
        </select>
      </label>
      <label>
        Status
        <select value={filter.status} onChange={(event) => filter.update({ status: event.target.value })}>
          <option value="">Any status</option>
          {STATUSES.map((status) => (
            <option key={status} value={status}>
              {status}
            </option>
          ))}
        </select>
      </label>
      <label>
        Context contains
        <input type="text" value={filter.clientContext} onChange={(event) => filter.update({ clientContext: event.target.value })} />
      </label>
      <label>
        Search payloads
        <input type="search" value={filter.search} onChange={(event) => filter.update({ search: event.target.value })} />
      </label>
    </>
  );
});

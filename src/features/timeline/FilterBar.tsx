import type { OperationLane } from '../../graph/timeline';
import { useTimelineFilterStore } from './filterStore';
import { isFiltering } from './filterLanes';
import { shortId } from './format';

const STATUSES = ['notStarted', 'running', 'completed', 'failed'];

export function FilterBar({ lanes, shown }: { lanes: readonly OperationLane[]; shown: number }) {
  const filter = useTimelineFilterStore();
  const calls = [...new Set(lanes.map((lane) => lane.callId).filter((id): id is string => Boolean(id)))];
  const types = [...new Set(lanes.map((lane) => lane.type))].sort();
  return (
    <div className="filters" role="group" aria-label="Filter the timeline">
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
      <p className="hint" aria-live="polite">
        {isFiltering(filter) ? `Showing ${shown} of ${lanes.length} operations.` : `${lanes.length} operations.`}
        {isFiltering(filter) && (
          <button type="button" className="secondary small" onClick={filter.clear}>
            Clear filters
          </button>
        )}
      </p>
    </div>
  );
}

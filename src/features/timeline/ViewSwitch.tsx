import { memo } from 'react';
import { useTimelineViewStore, type TimelineView } from './viewStore';

const VIEWS: { value: TimelineView; label: string }[] = [
  { value: 'swimlanes', label: 'Swimlanes' },
  { value: 'list', label: 'List' },
];

/** Swimlanes (a chart on a time axis) or List (a card per operation, newest first); remembered. Memoised: the timeline re-renders with every relay batch, and React sets a radio's name and type again on each of its renders. */
export const ViewSwitch = memo(function ViewSwitch() {
  const view = useTimelineViewStore((state) => state.view);
  const setView = useTimelineViewStore((state) => state.setView);
  return (
    <div role="radiogroup" aria-label="Timeline view" className="segmented">
      {VIEWS.map((option) => (
        <label key={option.value} className={view === option.value ? 'segment selected' : 'segment'}>
          <input type="radio" name="timeline-view" value={option.value} checked={view === option.value} onChange={() => setView(option.value)} />
          {option.label}
        </label>
      ))}
    </div>
  );
});

import { useMemo } from 'react';
import type { OperationLane, TimelineEvent } from '../../graph/timeline';
import { statusLine } from '../../graph/errors';
import { graphErrorSchema } from '../../graph/schemas';
import { announce } from './announce';
import { FilterBar } from './FilterBar';
import { useTimelineFilterStore } from './filterStore';
import { filterLanes } from './filterLanes';
import { clockTime, shortId } from './format';
import { LaneList } from './LaneList';
import { timelineOf } from './timelineOf';
import { useTimelineStore } from './timelineStore';

/** `note`: what the timeline shows when it is not the current session (an ended one, opened from the history). */
export function Timeline({ note }: { note?: string } = {}) {
  // An ended session when one is opened, else the current session, live.
  const events = useTimelineStore((state) => state.archived ?? state.events);
  const timeline = useMemo(() => timelineOf(events), [events]);
  const lanesById = useMemo(() => new Map<string, OperationLane>(timeline.lanes.map((lane) => [lane.id, lane])), [timeline]);
  const filter = useTimelineFilterStore();
  const lanes = useMemo(() => filterLanes([...timeline.lanes].reverse(), filter), [timeline, filter]);
  const rejected = Object.values(timeline.requests).filter((request) => request.response && request.response.status >= 400).reverse();
  const lastAnnouncement = useMemo(() => announce(events.at(-1) as TimelineEvent | undefined, timeline), [events, timeline]);

  return (
    <section className="panel timeline" aria-labelledby="timeline-heading">
      <div className="panel-head">
        <h2 id="timeline-heading">Operation timeline</h2>
      </div>
      {note && <p className="hint timeline-note">{note}</p>}
      <div className="visually-hidden" aria-live="polite" aria-atomic="true">
        {lastAnnouncement}
      </div>
      {timeline.lanes.length > 0 && <FilterBar lanes={timeline.lanes} shown={lanes.length} />}
      {timeline.lanes.length === 0 && rejected.length === 0 && <p className="hint">Operations appear here as Graph answers and notifies. Newest first.</p>}
      <LaneList lanes={lanes} requests={timeline.requests} lanesById={lanesById} />
      {rejected.length > 0 && (
        <>
          <h3>Rejected requests</h3>
          <ol className="lanes">
            {rejected.map((request) => {
              const error = graphErrorSchema.safeParse(request.response?.body);
              return (
                <li key={request.id} className="lane status-failed">
                  <p>
                    <time dateTime={request.at}>{clockTime(request.at)}</time> {request.method} {request.action} on call <code title={request.callId}>{shortId(request.callId)}</code> →{' '}
                    <strong>{statusLine(request.response?.status ?? 0)}</strong>
                    {error.success && (
                      <>
                        {' '}
                        <code>{error.data.error.code}</code>: {error.data.error.message}
                      </>
                    )}
                  </p>
                </li>
              );
            })}
          </ol>
        </>
      )}
    </section>
  );
}

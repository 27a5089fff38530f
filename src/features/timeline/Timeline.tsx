import { memo, useCallback, useEffect, useMemo, useState } from 'react';
import { showAppOnceDrawn } from '../../lib/firstScreen';
import { preloadable, useLoaded } from '../../lib/preloadable';
import { callIdsOf, callLanesOf, laneOfRequestOf, lanesByCall, typesOf } from '../../graph/laneGroups';
import { compareInLog, findLane, logOrderOf, type OperationLane } from '../../graph/timeline';
import { statusLine } from '../../graph/errors';
import { graphErrorSchema } from '../../graph/schemas';
import { cancelSummary, latestCancel } from './announce';
import { useTimelineFilterStore } from './filterStore';
import { filterLanes, isFiltering } from './filterLanes';
import { clockTime, shortId } from './format';
import type { CallLabel } from './LatestStrip';
import { timelineOf } from './timelineOf';
import { filterBarCode, laneListCode, swimlanesCode } from './preloadView';
import { useTimelineStore } from './timelineStore';
import { ViewSwitch } from './ViewSwitch';
import { useTimelineViewStore } from './viewStore';

// A bar's details are a list card: its code (the List's too) is fetched when details are first opened.
const laneCode = preloadable(() => import('./Lane'));

/** How long a cancel's effects must be quiet before its one announcement is made. */
const ANNOUNCE_AFTER_MS = 700;

interface TimelineProps {
  /** What the timeline shows when it is not the current session (an ended one, opened from the history). */
  note?: string;
  describeCall?(callId: string): CallLabel | undefined;
  /** The Presentation view: the swimlanes alone, large. */
  presenting?: boolean;
}

/** Memoised: the page re-rendering around it (a form field, the sessions list) does not redraw the timeline. */
export const Timeline = memo(function Timeline({ note, describeCall, presenting = false }: TimelineProps) {
  // An ended session when one is opened, else the current session, live.
  const events = useTimelineStore((state) => state.archived ?? state.events);
  const live = useTimelineStore((state) => state.archived === undefined);
  // The current session's earlier events are still loading (its newest are shown): the region says it is busy.
  const loadingEarlier = useTimelineStore((state) => state.archived === undefined && state.earlierBefore !== undefined);
  const timeline = useMemo(() => timelineOf(events), [events]);
  // Both worked out from the previous timeline's for the lanes a batch touched: a batch costs its own events.
  const ordered = useMemo(() => logOrderOf(timeline), [timeline]);
  const laneById = useCallback((id: string): OperationLane | undefined => findLane(timeline, id), [timeline]);
  const filter = useTimelineFilterStore();
  const shownOldestFirst = useMemo(() => (isFiltering(filter) ? filterLanes(ordered, filter) : ordered), [ordered, filter]);
  // Worked out from the previous timeline's for the lanes a batch touched, and the same arrays while they hold the same items.
  const callIds = callIdsOf(timeline);
  const typesAsSeen = typesOf(timeline);
  const types = useMemo(() => [...typesAsSeen].sort(), [typesAsSeen]);
  // By the requests alone: a batch of notifications leaves them as they were.
  const { requests } = timeline;
  const rejected = useMemo(() => Object.values(requests).filter((request) => request.response && request.response.status >= 400).sort((a, b) => b.place - a.place), [requests]);
  const chosenView = useTimelineViewStore((state) => state.view);
  const view = presenting ? 'swimlanes' : chosenView;
  // Only the List needs the lanes newest first: the Swimlanes do not pay for a reversed copy per batch.
  const shownNewestFirst = useMemo(() => (view === 'list' ? [...shownOldestFirst].reverse() : []), [view, shownOldestFirst]);
  // Only the Swimlanes group lanes by call: unfiltered, a batch regroups only the calls it touched.
  const shownByCall = useMemo(() => (view !== 'swimlanes' ? [] : isFiltering(filter) ? lanesByCall(shownOldestFirst) : callLanesOf(timeline)), [view, filter, shownOldestFirst, timeline]);
  const inLogOrder = useMemo(() => compareInLog(timeline), [timeline]);
  const [openId, setOpenId] = useState<string>();
  const opened = openId ? laneById(openId) : undefined;
  const toggleDetails = useCallback((id: string) => setOpenId((current) => (current === id ? undefined : id)), []);
  const announcement = useCancelAnnouncement(timeline);
  // Fetched as the page started (preloadView.ts): usually here by the first render with lanes, drawn in it.
  const filterBar = useLoaded(filterBarCode, timeline.lanes.length > 0 && !presenting);
  const swimlanes = useLoaded(swimlanesCode, view === 'swimlanes');
  const laneList = useLoaded(laneListCode, view === 'list');
  const laneCard = useLoaded(laneCode, opened !== undefined);
  const Lane = laneCard.module?.Lane;
  const FilterBar = filterBar.module?.FilterBar;
  const Swimlanes = swimlanes.module?.default;
  const LaneList = laneList.module?.LaneList;
  const viewSettled = view === 'swimlanes' ? swimlanes.module !== undefined || swimlanes.error !== undefined : laneList.module !== undefined || laneList.error !== undefined;
  // A live page's first screen (server/first-screen.ts) gives way once this shows as much as it did.
  useEffect(() => {
    if (viewSettled) showAppOnceDrawn(timeline.lastSeq);
  }, [viewSettled, timeline.lastSeq]);

  return (
    <section className="panel timeline" aria-labelledby="timeline-heading" aria-busy={loadingEarlier}>
      <div className="panel-head">
        <h2 id="timeline-heading">Operation timeline</h2>
        {!presenting && <ViewSwitch />}
      </div>
      {note && <p className="hint timeline-note">{note}</p>}
      {loadingEarlier && <p className="hint">Loading the session’s earlier events…</p>}
      <div className="visually-hidden" aria-live="polite" aria-atomic="true">
        {announcement}
      </div>
      {timeline.lanes.length > 0 && !presenting && FilterBar && <FilterBar callIds={callIds} types={types} shown={shownOldestFirst.length} total={timeline.lanes.length} />}
      {timeline.lanes.length === 0 && rejected.length === 0 && (
        <p className="hint">Operations appear here as Graph answers and notifies: send a cancel{presenting ? '' : ', or queue media first'}.</p>
      )}
      {view === 'swimlanes' ? (
        shownOldestFirst.length > 0 &&
        (Swimlanes ? (
          <Swimlanes
            calls={shownByCall}
            inLogOrder={inLogOrder}
            requests={timeline.requests}
            allLanes={timeline.lanes}
            laneOfRequest={laneOfRequestOf(timeline)}
            laneById={laneById}
            live={live}
            {...(describeCall ? { describeCall } : {})}
            {...(openId ? { openId } : {})}
            onOpen={toggleDetails}
            large={presenting}
          />
        ) : (
          <NotLoaded what="the swimlanes" error={swimlanes.error} />
        ))
      ) : LaneList ? (
        <LaneList lanes={shownNewestFirst} requests={timeline.requests} laneById={laneById} describeCall={describeCall} />
      ) : (
        <NotLoaded what="the list" error={laneList.error} />
      )}
      {view === 'swimlanes' && opened && (
        <section id="operation-details" className="operation-details" aria-label="Operation details">
          <div className="panel-head">
            <h3>Details</h3>
            <button type="button" className="secondary small" onClick={() => setOpenId(undefined)}>
              Close details
            </button>
          </div>
          <ol className="lanes">
            {Lane ? (
              <Lane lane={opened} requests={timeline.requests} laneById={laneById} />
            ) : (
              <li className="hint" role={laneCard.error ? 'alert' : undefined}>
                {laneCard.error ? `The details could not be loaded (${laneCard.error}). Reload the page to try again.` : 'Loading the details…'}
              </li>
            )}
          </ol>
        </section>
      )}
      {rejected.length > 0 && !presenting && (
        <>
          <h3>Rejected requests</h3>
          <ol className="lanes" aria-label="Rejected requests">
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
});

/** Where a view's code is still on its way, or could not be fetched. */
function NotLoaded({ what, error }: { what: string; error?: string }) {
  if (error !== undefined) {
    return (
      <p className="hint" role="alert">
        The code that draws {what} could not be loaded ({error}). Reload the page to try again.
      </p>
    );
  }
  return <p className="hint">Drawing {what}…</p>;
}

/**
 * One polite sentence per cancel, once its effects have settled (the answer and the notices of what
 * it ended arrive in any order, within moments): never a race of messages replacing each other.
 */
function useCancelAnnouncement(timeline: ReturnType<typeof timelineOf>): string {
  const [announcement, setAnnouncement] = useState('');
  const cancel = latestCancel(timeline);
  const summary = cancel ? cancelSummary(cancel, timeline) : '';
  useEffect(() => {
    if (!summary) return;
    const timer = setTimeout(() => setAnnouncement(summary), ANNOUNCE_AFTER_MS);
    return () => clearTimeout(timer);
  }, [summary]);
  return announcement;
}

import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { axisTime, barName, idPrefix, liveClockOffsetMs, tickStepSeconds, type PlainStatus } from '../../graph/timeAxis';
import type { CallLanes } from '../../graph/laneGroups';
import type { OperationLane, RequestEntry } from '../../graph/timeline';
import { barWord, clockTime, typeLabel } from './format';
import { LatestStrip, type CallLabel } from './LatestStrip';
import type { LaneLookup } from './Lane';
import { anchoredTop, chartModel, fitScale, rowsInWindow, type BarModel, type CallGroupModel, type LatestBar } from './swimlaneModel';
import { useFollowLive } from './viewStore';

export interface SwimlanesProps {
  /** The lanes shown, by call: each call's in the log's order, the calls in the order they first appear. */
  calls: readonly CallLanes[];
  /** The log's order, as a comparison of two lanes. */
  inLogOrder(a: OperationLane, b: OperationLane): number;
  requests: Record<string, RequestEntry>;
  /** Every lane of the timeline, shown or not (in arrival order). */
  allLanes: readonly OperationLane[];
  /** The lane each request started, by request id: a cancel's, for the bars it ended to name and link to. */
  laneOfRequest: ReadonlyMap<string, OperationLane>;
  laneById: LaneLookup;
  /** The current session, live: running operations grow with the clock. False for an ended session. */
  live: boolean;
  describeCall?(callId: string): CallLabel | undefined;
  /** The lane whose details are open. */
  openId?: string;
  onOpen(laneId: string): void;
  large?: boolean;
}

/** The chart's window onto its rows and time axis (the scroller's scroll position and size). */
interface ViewWindow {
  left: number;
  top: number;
  width: number;
  height: number;
  /** Following has brought the view to the newest operation since it started: after that it only follows nearby. */
  caughtUp: boolean;
}

const MIN_BAR_PX = 8;
const ZOOM_STEP = 1.6;
const AXIS_PX = 30;
/** Rows drawn above and below what is in view, so a short scroll shows rows already there. */
const OVERSCAN_ROWS = 6;
const FOLLOW_OVERSCAN_ROWS = 1;
/** The scroller is never shorter than this (18rem), however little of the window is left below where it starts. */
const MIN_CHART_PX = 288;
/** Room left between the chart and the bottom of the window, for the panel's own edge. */
const FOLD_MARGIN_PX = 24;
const PAN_KEYS = new Set(['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'PageUp', 'PageDown', 'Home', 'End']);

/**
 * The operations on a time axis: a group per call, a lane per operation, a bar from its first to its last
 * known state. Only what is in view (and a margin) is drawn, along both axes: a chart of thousands of
 * operations costs what its window shows.
 */
export default function Swimlanes({ calls, inLogOrder, requests, allLanes, laneOfRequest, laneById, live, describeCall, openId, onOpen, large = false }: SwimlanesProps) {
  const rowPx = large ? 56 : 40;
  const headPx = large ? 40 : 32;
  const labelPx = large ? 300 : 216;
  const metrics = useMemo(() => ({ headPx, rowPx }), [headPx, rowPx]);
  // Answers are the only browser-clock times, and there is none without a request.
  const noRequests = useMemo(() => Object.keys(requests).length === 0, [requests]);
  const offsetMs = useMemo(() => (noRequests ? 0 : liveClockOffsetMs(allLanes, requests)), [allLanes, requests, noRequests]);
  const model = useMemo(() => chartModel(calls, offsetMs, live, metrics, inLogOrder), [calls, offsetMs, live, metrics, inLogOrder]);
  const now = useAxisNow(model.anyGrowing, offsetMs);

  const { originMs } = model;
  const endMsOf = useCallback((bar: BarModel) => (bar.growing && now !== undefined ? Math.max(bar.endMs, now) : bar.endMs), [now]);
  const lastMs = Math.max(model.lastMs, model.anyGrowing && now !== undefined ? now : -Infinity);
  const spanS = Math.max(1, (lastMs - originMs) / 1000);

  const scroller = useRef<HTMLDivElement>(null);
  const following = useRef(false);
  // Kept in state and read from the scroller only on its own events (scroll, resize): reading its layout
  // in the middle of an update would make the browser lay the page out again, once per update.
  const [view, setView] = useState<ViewWindow>({ left: 0, top: 0, width: 1200, height: 900, caughtUp: false });
  // The scroller's height: the rest of the window below where it starts, so the chart (its newest rows and its
  // scrollbar) ends above the fold when the page is at its top. Undefined until measured: the stylesheet's guess.
  const [fitHeight, setFitHeight] = useState<number>();
  const moveView = useCallback((next: Partial<ViewWindow>) => {
    setView((current) => {
      const moved = { ...current, ...next };
      return moved.left === current.left && moved.top === current.top && moved.width === current.width && moved.height === current.height && moved.caughtUp === current.caughtUp ? current : moved;
    });
  }, []);
  // Where the scroller was last put, by the user or by the chart: what the view is compared with, as reading the
  // scroller's position in an update would make the browser lay the page out there and then.
  const scrolledTo = useRef({ left: 0, top: 0 });
  // Rows added above the view must not slide what the user sees: the view moves down with the row at its top.
  const [anchoredModel, setAnchoredModel] = useState(model);
  if (anchoredModel !== model) {
    setAnchoredModel(model);
    const top = anchoredTop(anchoredModel, model, view.top, metrics);
    if (top !== view.top) moveView({ top });
  }
  const trackWidth = Math.max(160, view.width - labelPx - 110);
  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element) return;
    // Where the scroller is: the view may already be elsewhere (following), and the effect below takes it there.
    scrolledTo.current = { left: element.scrollLeft, top: element.scrollTop };
    moveView({ width: element.clientWidth, height: element.clientHeight });
    // Read where layout is clean: as the page settles (ResizeObserver) and the window is resized. Where the chart starts
    // on the page does not move as the page scrolls: only a change above it (a banner, a panel opening) moves it.
    const fit = () => setFitHeight(Math.round(Math.max(MIN_CHART_PX, window.innerHeight - (element.getBoundingClientRect().top + window.scrollY) - FOLD_MARGIN_PX)));
    fit();
    const observer = new ResizeObserver(() => {
      moveView({ width: element.clientWidth, height: element.clientHeight });
      fit();
    });
    observer.observe(element);
    observer.observe(document.body);
    window.addEventListener('resize', fit);
    // Once a frame at most: a fast scroll fires more events than there are frames. The position is read in the
    // scroll event, while the layout is still clean: read in the frame's callback, after a relay batch has
    // changed the chart, it would make the browser lay the page out in the middle of the frame.
    let frame: number | undefined;
    let scrolled = { left: 0, top: 0 };
    const onScroll = () => {
      scrolledTo.current = { left: element.scrollLeft, top: element.scrollTop };
      // While following, every scroll is following's own, and the view already says where it went: read later,
      // a position would be one batch old and pull the view back for a frame.
      if (following.current) return;
      scrolled = scrolledTo.current;
      frame ??= requestAnimationFrame(() => {
        frame = undefined;
        moveView(scrolled);
      });
    };
    element.addEventListener('scroll', onScroll, { passive: true });
    return () => {
      observer.disconnect();
      element.removeEventListener('scroll', onScroll);
      window.removeEventListener('resize', fit);
      if (frame !== undefined) cancelAnimationFrame(frame);
    };
  }, [moveView]);

  // null: fit the whole span in view; a number: the user zoomed.
  const [zoom, setZoom] = useState<number | null>(null);
  // Stepped, not exact: a live axis grows with every batch, and each new scale restyles every drawn bar and mark.
  const fitPx = fitScale(trackWidth / spanS);
  const pxPerSecond = zoom ?? fitPx;
  const width = Math.max(trackWidth, spanS * pxPerSecond);
  const x = useCallback((atMs: number) => ((atMs - originMs) / 1000) * pxPerSecond, [originMs, pxPerSecond]);
  const zoomBy = useCallback((factor: number) => setZoom((current) => Math.min(2000, Math.max(0.05, (current ?? fitPx) * factor))), [fitPx]);

  const [follow, setFollow] = useFollowLive();
  // Panning (keys, wheel, dragging a scrollbar) is the user looking elsewhere: the chart stops following.
  const stopFollowing = useCallback(() => {
    if (follow) setFollow(false);
  }, [follow, setFollow]);
  const canvasWidth = labelPx + width + 110;
  const canvasHeight = AXIS_PX + model.height;
  // Following: the right end of the axis, and the newest operation's row, worked out from what the chart knows,
  // without reading its layout. The row is scrolled to only when it is out of view, so the chart does not move for
  // nothing; and only when it is near the view, but for once as following starts. Calls taking turns would otherwise
  // jump the chart from call to call with every batch, redrawing it whole each frame with nothing left to read; the
  // Latest strip names the newest operations wherever they are.
  const followLeft = Math.max(0, canvasWidth - view.width);
  const newestTop = follow ? model.newestTop : undefined;
  let followTop = view.top;
  if (newestTop !== undefined) {
    const rowsHeight = view.height - AXIS_PX;
    const near = newestTop >= view.top - rowsHeight && newestTop < view.top + 2 * rowsHeight;
    if (!view.caughtUp || near) {
      if (newestTop < view.top) followTop = Math.max(0, newestTop - headPx);
      else if (newestTop + rowPx > view.top + rowsHeight) followTop = Math.min(newestTop + rowPx - rowsHeight, Math.max(0, canvasHeight - view.height));
    }
  }
  // The view goes where following takes it, in this render: what is drawn is what the scroller is about to show.
  if (follow && (followLeft !== view.left || followTop !== view.top || (newestTop !== undefined && !view.caughtUp))) {
    moveView({ left: followLeft, top: followTop, caughtUp: view.caughtUp || newestTop !== undefined });
  }
  useLayoutEffect(() => {
    following.current = follow;
    const element = scroller.current;
    // Following stopped (the user panned): the view is wherever the scroller is now, and following again jumps once.
    if (!follow && element) moveView({ left: element.scrollLeft, top: element.scrollTop, caughtUp: false });
  }, [follow, moveView]);
  // The scroller put where the view says: following's place, or the view moved down with the rows it shows.
  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element) return;
    if (Math.abs(view.left - scrolledTo.current.left) >= 1) element.scrollLeft = view.left;
    if (Math.abs(view.top - scrolledTo.current.top) >= 1) element.scrollTop = view.top;
    scrolledTo.current = { left: view.left, top: view.top };
  }, [view.left, view.top]);

  // The Latest strip's entries, their times on this chart's axis.
  const latest = useMemo(() => model.latest.map((entry) => ({ ...entry, lane: entry.bar.lane, when: `${((entry.bar.endMs - originMs) / 1000).toFixed(1)} s` })), [model.latest, originMs]);
  /** A Latest entry chosen: the chart stops following and shows that operation's row, its bar's details open. */
  const showRow = (entry: LatestBar) => {
    const element = scroller.current;
    stopFollowing();
    if (element) {
      element.scrollTop = Math.max(0, entry.top - (element.clientHeight - AXIS_PX) / 2);
      element.scrollLeft = Math.max(0, labelPx + x(entry.bar.startMs) - element.clientWidth / 2);
    }
    if (openId !== entry.bar.lane.id) onOpen(entry.bar.lane.id);
  };

  // Ctrl+wheel zooms (the page must not zoom instead): a listener React cannot make non-passive.
  useEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const onWheel = (event: WheelEvent) => {
      if (!event.ctrlKey) return stopFollowing();
      event.preventDefault();
      zoomBy(event.deltaY < 0 ? ZOOM_STEP : 1 / ZOOM_STEP);
    };
    // A press on the scroller itself (not on a bar) is a scrollbar being dragged, or a touch pan.
    const onPointerDown = (event: PointerEvent) => {
      if (event.target === element) stopFollowing();
    };
    element.addEventListener('wheel', onWheel, { passive: false });
    element.addEventListener('pointerdown', onPointerDown);
    return () => {
      element.removeEventListener('wheel', onWheel);
      element.removeEventListener('pointerdown', onPointerDown);
    };
  }, [zoomBy, stopFollowing]);

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.target instanceof HTMLInputElement) return;
    if (event.target instanceof Node && scroller.current?.contains(event.target) && PAN_KEYS.has(event.key)) stopFollowing();
    if (event.key === '+' || event.key === '=') zoomBy(ZOOM_STEP);
    else if (event.key === '-') zoomBy(1 / ZOOM_STEP);
    else if (event.key === '0') setZoom(null);
    else return;
    event.preventDefault();
  };

  // What is in view, in the track's and the rows' coordinates, with a margin of a screen sideways and a few rows.
  const xFrom = view.left - view.width;
  const xTo = view.left + 2 * view.width;
  // Following moves the view a row at a time (or once, to the newest row): rows drawn ahead for a scroll would rarely be used.
  const overscan = follow ? FOLLOW_OVERSCAN_ROWS : OVERSCAN_ROWS;
  const yFrom = view.top - overscan * rowPx;
  const yTo = view.top + view.height + overscan * rowPx;

  const drawnGroups = model.groups.filter((group) => group.top + group.height >= yFrom && group.top <= yTo);
  const frame = useMemo<ChartFrame>(() => ({ x, endMsOf, originMs, offsetMs, width, rowPx, xFrom, xTo }), [x, endMsOf, originMs, offsetMs, width, rowPx, xFrom, xTo]);
  const lookups = useMemo<TimelineLookups>(() => ({ requests, laneById, laneOfRequest }), [requests, laneById, laneOfRequest]);

  const step = tickStepSeconds(pxPerSecond);
  const ticks: number[] = [];
  const firstTick = Math.max(0, Math.floor(xFrom / pxPerSecond / step) * step);
  for (let at = firstTick; at <= Math.min(width, xTo) / pxPerSecond && ticks.length < 400; at += step) ticks.push(at);

  return (
    <figure
      className={`swimlanes${large ? ' large' : ''}${canvasWidth <= view.width ? ' fitted' : ''}`}
      aria-labelledby="swimlanes-caption"
      onKeyDown={onKeyDown}
      style={{ ['--row' as string]: `${rowPx}px`, ['--head' as string]: `${headPx}px`, ['--axis' as string]: `${AXIS_PX}px`, ['--label' as string]: `${labelPx}px` }}
    >
      <div className="sl-toolbar">
        <figcaption id="swimlanes-caption">Swimlanes</figcaption>
        <div className="actions" role="group" aria-label="Zoom">
          <button type="button" className="secondary small" aria-pressed={zoom === null} onClick={() => setZoom(null)}>
            Fit
          </button>
          <button type="button" className="secondary small" onClick={() => zoomBy(ZOOM_STEP)}>
            Zoom in
          </button>
          <button type="button" className="secondary small" onClick={() => zoomBy(1 / ZOOM_STEP)}>
            Zoom out
          </button>
          <button type="button" className="secondary small" aria-pressed={follow} onClick={() => setFollow(!follow)}>
            Follow live
          </button>
        </div>
        <p className="hint sl-legend" aria-hidden="true">
          <span className="sl-key running">running</span> <span className="sl-key waiting">waiting</span> <span className="sl-key finished">finished</span>{' '}
          <span className="sl-key cancelled">cancelled</span> <span className="sl-key failed">failed</span>
        </p>
      </div>
      <LatestStrip latest={latest} describeCall={describeCall} onShow={showRow} />
      {/* Focusable: keyboard users pan it with the arrow keys (and zoom with + and -). */}
      {/* A bar with focus is one the user is reading: following would slide another operation under it, as rows are reused by place. */}
      <div
        className="sl-scroller"
        ref={scroller}
        style={fitHeight === undefined ? undefined : { maxHeight: fitHeight }}
        tabIndex={0}
        role="group"
        aria-label="Swimlanes chart: arrow keys pan, + and - zoom, 0 fits"
        onFocus={(event) => {
          if (event.target !== event.currentTarget) stopFollowing();
        }}
      >
        {/* The bars and marks are placed in seconds, scaled by --sl-pps: zooming (or the axis growing) redraws no row. */}
        <div className="sl-canvas" style={{ width: canvasWidth, height: canvasHeight, ['--sl-pps' as string]: `${pxPerSecond}px` }}>
          <div className="sl-axis" aria-hidden="true">
            <div className="sl-label sl-axis-label">{Number.isFinite(originMs) ? `from ${clockTime(new Date(originMs).toISOString())}` : ''}</div>
            <div className="sl-ticks" style={{ width }}>
              {Number.isFinite(originMs) &&
                ticks.map((at) => (
                  <span key={at} className="sl-tick" style={{ left: at * pxPerSecond }} title={clockTime(new Date(originMs + at * 1000).toISOString())}>
                    {at === 0 ? '0 s' : `${Number.isInteger(at) ? at : at.toFixed(1)} s`}
                  </span>
                ))}
            </div>
          </div>
          {/* Only the groups in view are drawn, each keyed by its place among them: following the newest operation
              from call to call reuses the same elements instead of building new ones. */}
          <div className="sl-group-space" style={{ height: drawnGroups[0]?.top ?? model.height }} />
          {drawnGroups.map((group, slot) => {
            const [first, end] = rowsInWindow(group, yFrom, yTo, metrics);
            const call = group.callId ? describeCall?.(group.callId) : undefined;
            return (
              <CallGroup
                key={slot}
                group={group}
                first={first}
                end={end}
                title={group.callId ? `${call?.label ?? 'Call'} ${idPrefix(group.callId)}` : 'No call'}
                people={call?.participants.length ? call.participants.join(', ') : ''}
                frame={frame}
                lookups={lookups}
                openId={openId}
                onOpen={onOpen}
              />
            );
          })}
        </div>
      </div>
    </figure>
  );
}

/** What every group is drawn by: the axis's scale and the span of it in view. The same object while none of it changes. */
interface ChartFrame {
  x(atMs: number): number;
  endMsOf(bar: BarModel): number;
  originMs: number;
  offsetMs: number;
  /** The track's whole width, in px. */
  width: number;
  rowPx: number;
  /** The track's span in view (with its margin), in px from the axis origin. */
  xFrom: number;
  xTo: number;
}

/** What a group looks up in the timeline: a bar's cancel, the operations a cancel ended. The same object while the timeline is. */
interface TimelineLookups {
  requests: Record<string, RequestEntry>;
  laneById: LaneLookup;
  laneOfRequest: ReadonlyMap<string, OperationLane>;
}

interface CallGroupProps {
  group: CallGroupModel;
  /** The rows drawn: [first, end). */
  first: number;
  end: number;
  /** The call's label and short id, and its participants. */
  title: string;
  people: string;
  frame: ChartFrame;
  lookups: TimelineLookups;
  openId: string | undefined;
  onOpen(laneId: string): void;
}

/** Memoised: a render that moves nothing in this group, such as following catching up with the scroller, skips it. */
const CallGroup = memo(function CallGroup({ group, first, end, title, people, frame, lookups, openId, onOpen }: CallGroupProps) {
  const { callId, bars } = group;
  const { x, endMsOf, originMs, offsetMs, width, rowPx, xFrom, xTo } = frame;
  const { requests, laneById, laneOfRequest } = lookups;
  const cancelLaneOf = (bar: BarModel) => {
    const cancel = bar.lane.cancelledByRequestId ? requests[bar.lane.cancelledByRequestId] : undefined;
    return { cancel, cancelLane: cancel ? laneOfRequest.get(cancel.id) : undefined };
  };
  // A link from a cancel to each operation it ended, when either end is drawn.
  const rowOf = new Map(bars.map((bar, index) => [bar.lane.id, index]));
  const links: { from: BarModel; to: BarModel; fromRow: number; toRow: number }[] = [];
  for (const [toRow, bar] of bars.entries()) {
    if (!bar.lane.cancelledByRequestId) continue;
    const { cancelLane } = cancelLaneOf(bar);
    const fromRow = cancelLane ? rowOf.get(cancelLane.id) : undefined;
    const from = fromRow === undefined ? undefined : bars[fromRow];
    if (!from || fromRow === undefined) continue;
    if (Math.max(fromRow, toRow) < first || Math.min(fromRow, toRow) >= end) continue;
    links.push({ from, to: bar, fromRow, toRow });
  }
  const headingId = `sl-group-${callId || 'none'}`;
  return (
    <div className="sl-group" role="group" aria-labelledby={headingId} style={{ height: group.height }}>
      <p className="sl-group-head" id={headingId}>
        <strong title={callId}>{title}</strong>
        {people && <span className="sl-people">{people}</span>}
      </p>
      <div className="sl-rows" style={{ height: bars.length * rowPx }}>
        {links.length > 0 && (
          <svg className="sl-links" width={width} height={bars.length * rowPx} aria-hidden="true">
            {links.map(({ from, to, fromRow, toRow }) => {
              const x1 = Math.max(0, x(from.startMs));
              const y1 = fromRow * rowPx + rowPx / 2;
              const x2 = Math.max(MIN_BAR_PX, x(endMsOf(to)));
              const y2 = toRow * rowPx + rowPx / 2;
              return (
                <g key={`${from.lane.id}-${to.lane.id}`}>
                  <path d={`M ${x1} ${y1} C ${x1} ${(y1 + y2) / 2}, ${x2} ${(y1 + y2) / 2}, ${x2} ${y2}`} />
                  <circle cx={x2} cy={y2} r={4} />
                </g>
              );
            })}
          </svg>
        )}
        <ol className="sl-lanes" aria-label={`Operations on ${title}`}>
          {bars.slice(first, end).map((bar, offset) => {
            const index = first + offset;
            const { cancel, cancelLane } = cancelLaneOf(bar);
            const started = bar.lane.startedByRequestId ? requests[bar.lane.startedByRequestId] : undefined;
            const ended = started?.action === 'cancelMediaProcessing' ? started.cancelledOperationIds.map((id) => laneById(id)).filter((lane): lane is OperationLane => Boolean(lane)) : [];
            const endMs = endMsOf(bar);
            const left = x(bar.startMs);
            const barWidth = Math.max(MIN_BAR_PX, x(endMs) - left);
            const inView = left + barWidth >= xFrom && left <= xTo;
            const name = barName({
              lane: bar.lane,
              ...(cancelLane ? { cancelledBy: cancelLane } : cancel ? { cancelledBy: cancel } : {}),
              ended,
              startMs: bar.startMs,
              endMs,
              originMs,
              ongoing: bar.ongoing,
            });
            // In seconds from the axis origin: the same strings whatever the zoom, so the row's memo holds.
            const marks: string[] = [];
            for (const change of bar.lane.changes) {
              const atMs = axisTime(change, offsetMs);
              const at = x(atMs);
              if (at >= xFrom && at <= xTo) marks.push(`${((atMs - originMs) / 1000).toFixed(3)}:${change.seq ?? ''}`);
            }
            return (
              <SwimlaneRow
                // By place, not by operation: rows scrolled into view reuse the elements of those that left it.
                key={index}
                lane={bar.lane}
                status={bar.status}
                name={name}
                index={index}
                setSize={bars.length}
                top={index * rowPx}
                startS={(bar.startMs - originMs) / 1000}
                spanS={(endMs - bar.startMs) / 1000}
                short={barWidth < 72}
                barInView={inView}
                marks={marks.join(',')}
                open={openId === bar.lane.id}
                onOpen={onOpen}
                startClock={clockTime(new Date(bar.startMs).toISOString())}
                endClock={clockTime(new Date(endMs).toISOString())}
                isCancel={bar.lane.type === 'cancelMediaProcessing' || ended.length > 0}
              />
            );
          })}
        </ol>
      </div>
    </div>
  );
});

interface RowProps {
  lane: OperationLane;
  status: PlainStatus;
  name: string;
  /** Its place among the group's operations (only those in view are drawn). */
  index: number;
  setSize: number;
  top: number;
  /** Where the bar starts and how long it is, in seconds: placed in px by the chart's --sl-pps. */
  startS: number;
  spanS: number;
  /** Too narrow for its word at this zoom: the word goes beside it. */
  short: boolean;
  /** The bar is within the drawn span of the axis: off it, only the row's label is drawn. */
  barInView: boolean;
  /** The notifications' times (s from the origin) and seqs ("s:seq"), joined: a string keeps the memo's comparison cheap. */
  marks: string;
  open: boolean;
  onOpen(laneId: string): void;
  startClock: string;
  endClock: string;
  isCancel: boolean;
}

/** One operation: its label and its bar. Memoised: a relay batch re-renders only the lanes it changed. */
const SwimlaneRow = memo(function SwimlaneRow({ lane, status, name, index, setSize, top, startS, spanS, short, barInView, marks, open, onOpen, startClock, endClock, isCancel }: RowProps) {
  const word = barWord(status, isCancel);
  return (
    <li className={index % 2 ? 'sl-row alt' : 'sl-row'} style={{ top }} aria-setsize={setSize} aria-posinset={index + 1}>
      <div className="sl-label" title={lane.id}>
        <span className="sl-type">{typeLabel(lane.type)}</span> <code>{idPrefix(lane.id)}</code>
        {lane.clientContext && <span className="sl-context">{lane.clientContext}</span>}
      </div>
      <div className="sl-track">
        {marks &&
          marks.split(',').map((mark, position) => {
            const [at = '0', seq = ''] = mark.split(':');
            // By position: a reused row keeps its marks' elements.
            return <span key={position} className="sl-mark" style={{ left: `calc(var(--sl-pps) * ${at})` }} title={seq ? `notification #${seq}` : 'answer'} aria-hidden="true" />;
          })}
        {barInView && (
          <button
            type="button"
            className={`sl-bar ${status}${isCancel ? ' cancel' : ''}${short ? ' short' : ''}`}
            style={{ left: `calc(var(--sl-pps) * ${startS})`, width: `calc(var(--sl-pps) * ${spanS})` }}
            aria-label={name}
            aria-expanded={open}
            {...(open ? { 'aria-controls': 'operation-details' } : {})}
            title={`${startClock} – ${endClock}`}
            onClick={() => onOpen(lane.id)}
          >
            <span className="sl-word">{word}</span>
          </button>
        )}
      </div>
    </li>
  );
});

/** The axis clock (server time), ticking once a second while something runs; undefined when nothing does. */
function useAxisNow(ticking: boolean, offsetMs: number): number | undefined {
  const [now, setNow] = useState<number>();
  // When it last ticked: a stream of short operations starts and stops the clock with nearly every batch, and
  // each start must not tick (and render the chart once more) when the last tick is less than a second old.
  const lastTick = useRef(-Infinity);
  useEffect(() => {
    if (!ticking) return;
    let timer: number | undefined;
    const tick = () => {
      lastTick.current = performance.now();
      setNow(Date.now() + offsetMs);
      timer = window.setTimeout(tick, 1000);
    };
    const wait = lastTick.current + 1000 - performance.now();
    const first = wait <= 0 ? requestAnimationFrame(tick) : undefined;
    if (first === undefined) timer = window.setTimeout(tick, wait);
    return () => {
      if (first !== undefined) cancelAnimationFrame(first);
      window.clearTimeout(timer);
    };
  }, [ticking, offsetMs]);
  return ticking ? now : undefined;
}

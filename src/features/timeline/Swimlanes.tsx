import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { axisTime, barName, browserClockOffsetMs, idPrefix, isOngoing, plainStatus, tickStepSeconds, type PlainStatus } from '../../graph/timeAxis';
import type { OperationLane, RequestEntry } from '../../graph/timeline';
import { clockTime } from './format';
import { useFollowLive } from './viewStore';

/** What App knows of a call, for a group's label. */
export interface CallLabel {
  label?: string;
  participants: readonly string[];
}

export interface SwimlanesProps {
  /** The lanes shown, oldest first (the log's order). */
  lanes: readonly OperationLane[];
  requests: Record<string, RequestEntry>;
  lanesById: Map<string, OperationLane>;
  /** The current session, live: running operations grow with the clock. False for an ended session. */
  live: boolean;
  describeCall?(callId: string): CallLabel | undefined;
  /** The lane whose details are open. */
  openId?: string;
  onOpen(laneId: string): void;
  large?: boolean;
}

interface BarModel {
  lane: OperationLane;
  startMs: number;
  endMs: number;
  status: PlainStatus;
  ongoing: boolean;
  name: string;
  /** The lane of the cancel that ended it, when shown. */
  endedBy?: string;
}

const MIN_BAR_PX = 8;
const ZOOM_STEP = 1.6;

/** The operations on a time axis: a group per call, a lane per operation, a bar from its first to its last known state. */
export default function Swimlanes({ lanes, requests, lanesById, live, describeCall, openId, onOpen, large = false }: SwimlanesProps) {
  const rowPx = large ? 56 : 40;
  const labelPx = large ? 300 : 216;
  const offsetMs = useMemo(() => browserClockOffsetMs([...lanesById.values()]), [lanesById]);
  const anyOngoing = lanes.some((lane) => isOngoing(plainStatus(lane.changes.at(-1))) && !lane.changes.at(-1)?.replayed);
  const now = useAxisNow(live && anyOngoing, offsetMs);

  const bars = useMemo(() => {
    const models: BarModel[] = [];
    for (const lane of lanes) {
      const first = lane.changes[0];
      const last = lane.changes.at(-1);
      if (!first || !last) continue;
      const status = plainStatus(last);
      const startMs = axisTime(first, offsetMs);
      const ongoing = isOngoing(status);
      models.push({ lane, startMs, endMs: axisTime(last, offsetMs), status, ongoing, name: '' });
    }
    return models;
  }, [lanes, offsetMs]);

  const originMs = bars.reduce((lowest, bar) => Math.min(lowest, bar.startMs), Infinity);
  const growing = (bar: BarModel) => bar.ongoing && live && !bar.lane.changes.at(-1)?.replayed;
  const endMsOf = (bar: BarModel) => (growing(bar) && now !== undefined ? Math.max(bar.endMs, now) : bar.endMs);
  const lastMs = bars.reduce((highest, bar) => Math.max(highest, endMsOf(bar)), originMs);
  const spanS = Math.max(1, (lastMs - originMs) / 1000);

  const scroller = useRef<HTMLDivElement>(null);
  const [trackWidth, setTrackWidth] = useState(600);
  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element) return;
    // Room on the right for the word beside a short bar at the end.
    const measure = () => setTrackWidth(Math.max(160, element.clientWidth - labelPx - 110));
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [labelPx]);

  // null: fit the whole span in view; a number: the user zoomed.
  const [zoom, setZoom] = useState<number | null>(null);
  const fitPx = trackWidth / spanS;
  const pxPerSecond = zoom ?? fitPx;
  const width = Math.max(trackWidth, spanS * pxPerSecond);
  const x = useCallback((atMs: number) => ((atMs - originMs) / 1000) * pxPerSecond, [originMs, pxPerSecond]);
  const zoomBy = useCallback((factor: number) => setZoom((current) => Math.min(2000, Math.max(0.05, (current ?? fitPx) * factor))), [fitPx]);

  const [follow, setFollow] = useFollowLive();
  useLayoutEffect(() => {
    const element = scroller.current;
    if (follow && element) element.scrollLeft = element.scrollWidth;
  }, [follow, lastMs, width]);

  // Ctrl+wheel zooms (the page must not zoom instead): a listener React cannot make non-passive.
  useEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const onWheel = (event: WheelEvent) => {
      if (!event.ctrlKey) return;
      event.preventDefault();
      zoomBy(event.deltaY < 0 ? ZOOM_STEP : 1 / ZOOM_STEP);
    };
    element.addEventListener('wheel', onWheel, { passive: false });
    return () => element.removeEventListener('wheel', onWheel);
  }, [zoomBy]);

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.target instanceof HTMLInputElement) return;
    if (event.key === '+' || event.key === '=') zoomBy(ZOOM_STEP);
    else if (event.key === '-') zoomBy(1 / ZOOM_STEP);
    else if (event.key === '0') setZoom(null);
    else return;
    event.preventDefault();
  };

  const groups = useMemo(() => {
    const byCall = new Map<string, BarModel[]>();
    for (const bar of bars) {
      const key = bar.lane.callId ?? '';
      const group = byCall.get(key) ?? [];
      group.push(bar);
      byCall.set(key, group);
    }
    return [...byCall.entries()];
  }, [bars]);

  const step = tickStepSeconds(pxPerSecond);
  const ticks: number[] = [];
  for (let at = 0; at <= width / pxPerSecond && ticks.length < 400; at += step) ticks.push(at);

  return (
    <figure className={large ? 'swimlanes large' : 'swimlanes'} aria-labelledby="swimlanes-caption" onKeyDown={onKeyDown} style={{ ['--row' as string]: `${rowPx}px`, ['--label' as string]: `${labelPx}px` }}>
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
      {/* Focusable: keyboard users pan it with the arrow keys (and zoom with + and -). */}
      <div className="sl-scroller" ref={scroller} tabIndex={0} role="group" aria-label="Swimlanes chart: arrow keys pan, + and - zoom, 0 fits">
        <div className="sl-canvas" style={{ width: labelPx + width + 110 }}>
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
          {groups.map(([callId, group]) => (
            <CallGroup
              key={callId || 'no-call'}
              callId={callId}
              bars={group}
              call={callId ? describeCall?.(callId) : undefined}
              requests={requests}
              lanesById={lanesById}
              x={x}
              endMsOf={endMsOf}
              originMs={originMs}
              offsetMs={offsetMs}
              width={width}
              rowPx={rowPx}
              openId={openId}
              onOpen={onOpen}
            />
          ))}
        </div>
      </div>
    </figure>
  );
}

interface CallGroupProps {
  callId: string;
  bars: readonly BarModel[];
  call: CallLabel | undefined;
  requests: Record<string, RequestEntry>;
  lanesById: Map<string, OperationLane>;
  x(atMs: number): number;
  endMsOf(bar: BarModel): number;
  originMs: number;
  offsetMs: number;
  width: number;
  rowPx: number;
  openId: string | undefined;
  onOpen(laneId: string): void;
}

function CallGroup({ callId, bars, call, requests, lanesById, x, endMsOf, originMs, offsetMs, width, rowPx, openId, onOpen }: CallGroupProps) {
  const title = callId ? `${call?.label ?? 'Call'} ${idPrefix(callId)}` : 'No call';
  const people = call?.participants.length ? call.participants.join(', ') : '';
  const rowOf = new Map(bars.map((bar, index) => [bar.lane.id, index]));
  const links: { from: BarModel; to: BarModel }[] = [];
  for (const bar of bars) {
    const cancel = bar.lane.cancelledByRequestId ? requests[bar.lane.cancelledByRequestId] : undefined;
    const cancelLane = cancel ? bars.find((other) => other.lane.startedByRequestId === cancel.id) : undefined;
    if (cancelLane) links.push({ from: cancelLane, to: bar });
  }
  const headingId = `sl-group-${callId || 'none'}`;
  return (
    <div className="sl-group" role="group" aria-labelledby={headingId}>
      <p className="sl-group-head" id={headingId}>
        <strong title={callId}>{title}</strong>
        {people && <span className="sl-people">{people}</span>}
      </p>
      <div className="sl-rows">
        <svg className="sl-links" width={width} height={bars.length * rowPx} aria-hidden="true">
          {links.map(({ from, to }) => {
            const x1 = Math.max(0, x(from.startMs));
            const y1 = (rowOf.get(from.lane.id) ?? 0) * rowPx + rowPx / 2;
            const x2 = Math.max(MIN_BAR_PX, x(endMsOf(to)));
            const y2 = (rowOf.get(to.lane.id) ?? 0) * rowPx + rowPx / 2;
            return (
              <g key={`${from.lane.id}-${to.lane.id}`}>
                <path d={`M ${x1} ${y1} C ${x1} ${(y1 + y2) / 2}, ${x2} ${(y1 + y2) / 2}, ${x2} ${y2}`} />
                <circle cx={x2} cy={y2} r={4} />
              </g>
            );
          })}
        </svg>
        <ol className="sl-lanes" aria-label={`Operations on ${title}`}>
          {bars.map((bar) => {
            const cancel = bar.lane.cancelledByRequestId ? requests[bar.lane.cancelledByRequestId] : undefined;
            const cancelLane = cancel ? [...lanesById.values()].find((other) => other.startedByRequestId === cancel.id) : undefined;
            const started = bar.lane.startedByRequestId ? requests[bar.lane.startedByRequestId] : undefined;
            const ended = started?.action === 'cancelMediaProcessing' ? started.cancelledOperationIds.map((id) => lanesById.get(id)).filter((lane): lane is OperationLane => Boolean(lane)) : [];
            const endMs = endMsOf(bar);
            const name = barName({
              lane: bar.lane,
              ...(cancelLane ? { cancelledBy: cancelLane } : cancel ? { cancelledBy: cancel } : {}),
              ended,
              startMs: bar.startMs,
              endMs,
              originMs,
              ongoing: bar.ongoing,
            });
            return (
              <SwimlaneRow
                key={bar.lane.id}
                lane={bar.lane}
                status={bar.status}
                name={name}
                left={x(bar.startMs)}
                barWidth={Math.max(MIN_BAR_PX, x(endMs) - x(bar.startMs))}
                marks={bar.lane.changes.map((change) => x(axisTime(change, offsetMs)).toFixed(1)).join(',')}
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
}

interface RowProps {
  lane: OperationLane;
  status: PlainStatus;
  name: string;
  left: number;
  barWidth: number;
  /** The notifications' x positions, joined: a string keeps the memo's comparison cheap. */
  marks: string;
  open: boolean;
  onOpen(laneId: string): void;
  startClock: string;
  endClock: string;
  isCancel: boolean;
}

/** One operation: its label and its bar. Memoised: a relay batch re-renders only the lanes it changed. */
const SwimlaneRow = memo(function SwimlaneRow({ lane, status, name, left, barWidth, marks, open, onOpen, startClock, endClock, isCancel }: RowProps) {
  const word = isCancel && status === 'finished' ? 'cancel sent' : status;
  return (
    <li className="sl-row">
      <div className="sl-label" title={lane.id}>
        <span className="sl-type">{lane.type === 'cancelMediaProcessing' ? 'cancel' : lane.type}</span> <code>{idPrefix(lane.id)}</code>
        {lane.clientContext && <span className="sl-context">{lane.clientContext}</span>}
      </div>
      <div className="sl-track">
        {marks.split(',').map((mark, index) => (
          <span key={index} className="sl-mark" style={{ left: Number(mark) }} aria-hidden="true" />
        ))}
        <button
          type="button"
          className={`sl-bar ${status}${isCancel ? ' cancel' : ''}${barWidth < 72 ? ' short' : ''}`}
          style={{ left, width: barWidth }}
          aria-label={name}
          aria-expanded={open}
          {...(open ? { 'aria-controls': 'operation-details' } : {})}
          title={`${startClock} – ${endClock}`}
          onClick={() => onOpen(lane.id)}
        >
          <span className="sl-word">{word}</span>
        </button>
      </div>
    </li>
  );
});

/** The axis clock (server time), ticking once a second while something runs; undefined when nothing does. */
function useAxisNow(ticking: boolean, offsetMs: number): number | undefined {
  const [now, setNow] = useState<number>();
  useEffect(() => {
    if (!ticking) return;
    const tick = () => setNow(Date.now() + offsetMs);
    const first = requestAnimationFrame(tick);
    const timer = setInterval(tick, 1000);
    return () => {
      cancelAnimationFrame(first);
      clearInterval(timer);
    };
  }, [ticking, offsetMs]);
  return ticking ? now : undefined;
}

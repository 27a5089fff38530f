import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { preloadable, useLoaded } from '../../lib/preloadable';
import type { OperationLane, RequestEntry } from '../../graph/timeline';
import { Lane, type LaneLookup } from './Lane';
import { LatestStrip, type CallLabel, type LatestEntry } from './LatestStrip';
import { latestAtClockTime } from './latestLanes';
import { useHeldLanes } from './useHeldLanes';

// The virtualizer is needed only for long timelines: it stays out of the initial bundle, and is fetched as
// this chunk arrives, so a long session's first render draws it rather than a stand-in of plain cards.
const virtualListCode = preloadable(() => import('./VirtualLaneList'));
virtualListCode.load().catch(() => undefined); // A failure is shown where the list is drawn (useLoaded).

/** Up to this many lanes are plain DOM; beyond it only the lanes near the viewport are rendered. */
const VIRTUALIZE_ABOVE = 60;

/** The list element, focused when the user asks for the newer operations: the button they pressed goes away. */
export const OPERATIONS_LIST_ID = 'operations-list';

export interface LaneListProps {
  lanes: readonly OperationLane[];
  requests: Record<string, RequestEntry>;
  laneById: LaneLookup;
  describeCall?: ((callId: string) => CallLabel | undefined) | undefined;
}

/** The List view: newest first, a card per operation, the Latest strip above. */
export function LaneList({ lanes, requests, laneById, describeCall }: LaneListProps) {
  const top = useRef<HTMLDivElement>(null);
  // Held while the "newer operations" button has the focus: it would vanish from under the user's finger.
  const mayEnd = useCallback(() => !top.current?.contains(document.activeElement), []);
  const { shown, newer, showNewer } = useHeldLanes(lanes, mayEnd);
  const latest = useMemo(() => latestAtClockTime(lanes), [lanes]);
  // What to focus once drawn: a Latest entry's card, or the list itself once the newer operations are shown.
  const [reveal, setReveal] = useState<Reveal>();
  const revealed = useCallback(() => setReveal(undefined), []);
  const show = (entry: LatestEntry) => {
    showNewer();
    setReveal({ laneId: entry.lane.id });
  };
  const showNewerOperations = () => {
    showNewer();
    setReveal({});
  };

  return (
    <>
      <LatestStrip latest={latest} describeCall={describeCall} onShow={show} />
      <div ref={top} className="lane-list-top">
        {newer > 0 && (
          <button type="button" className="secondary small newer-operations" onClick={showNewerOperations}>
            {newer === 1 ? 'Show 1 newer operation' : `Show ${newer.toLocaleString('en')} newer operations`}
          </button>
        )}
      </div>
      <Cards lanes={shown} requests={requests} laneById={laneById} {...(reveal ? { reveal } : {})} onRevealed={revealed} />
    </>
  );
}

/** A card to bring into view and focus (by its operation), or with no `laneId` the list itself. */
export interface Reveal {
  laneId?: string;
}

/** The id of the element a Reveal focuses. */
export const revealedElementId = (reveal: Reveal) => (reveal.laneId ? `lane-${reveal.laneId}` : OPERATIONS_LIST_ID);

export interface CardsProps {
  lanes: readonly OperationLane[];
  requests: Record<string, RequestEntry>;
  laneById: LaneLookup;
  reveal?: Reveal;
  onRevealed(): void;
}

function Cards(props: CardsProps) {
  const long = props.lanes.length > VIRTUALIZE_ABOVE;
  const virtualList = useLoaded(virtualListCode, long);
  const VirtualLaneList = virtualList.module?.default;
  if (long && VirtualLaneList) return <VirtualLaneList {...props} />;
  if (!long) return <PlainLaneList {...props} />;
  // Until the virtualizer is there (or if it cannot be fetched), the newest cards.
  return (
    <>
      {virtualList.error !== undefined && (
        <p className="hint" role="alert">
          Only the newest {VIRTUALIZE_ABOVE} operations are shown: the code that draws long lists could not be loaded ({virtualList.error}). Reload the page to try
          again.
        </p>
      )}
      <PlainLaneList {...props} lanes={props.lanes.slice(0, VIRTUALIZE_ABOVE)} />
    </>
  );
}

function PlainLaneList({ lanes, requests, laneById, reveal, onRevealed }: CardsProps) {
  useEffect(() => {
    if (!reveal) return;
    document.getElementById(revealedElementId(reveal))?.focus();
    onRevealed();
  }, [reveal, onRevealed]);
  return (
    <ol className="lanes" id={OPERATIONS_LIST_ID} tabIndex={-1} aria-label="Operations">
      {lanes.map((lane) => (
        <Lane key={lane.id} lane={lane} requests={requests} laneById={laneById} />
      ))}
    </ol>
  );
}

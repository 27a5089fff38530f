import { lazy, Suspense } from 'react';
import type { OperationLane, RequestEntry } from '../../graph/timeline';
import { Lane, type LaneLookup } from './Lane';

// The virtualizer is needed only for long timelines: it stays out of the initial bundle.
const VirtualLaneList = lazy(() => import('./VirtualLaneList'));

/** Up to this many lanes are plain DOM; beyond it only the lanes near the viewport are rendered. */
const VIRTUALIZE_ABOVE = 60;

export interface LaneListProps {
  lanes: readonly OperationLane[];
  requests: Record<string, RequestEntry>;
  laneById: LaneLookup;
}

export function LaneList(props: LaneListProps) {
  if (props.lanes.length <= VIRTUALIZE_ABOVE) return <PlainLaneList {...props} />;
  return (
    <Suspense fallback={<PlainLaneList {...props} lanes={props.lanes.slice(0, VIRTUALIZE_ABOVE)} />}>
      <VirtualLaneList {...props} />
    </Suspense>
  );
}

function PlainLaneList({ lanes, requests, laneById }: LaneListProps) {
  return (
    <ol className="lanes" aria-label="Operations">
      {lanes.map((lane) => (
        <Lane key={lane.id} lane={lane} requests={requests} laneById={laneById} />
      ))}
    </ol>
  );
}


import { useWindowVirtualizer } from '@tanstack/react-virtual';
import { useLayoutEffect, useRef, useState } from 'react';
import type { OperationLane, RequestEntry } from '../../graph/timeline';
import { Lane } from './Lane';

/** Up to this many lanes are plain DOM; beyond it only the lanes near the viewport are rendered. */
const VIRTUALIZE_ABOVE = 60;
const LANE_GAP_PX = 10;

interface LaneListProps {
  lanes: readonly OperationLane[];
  requests: Record<string, RequestEntry>;
  lanesById: Map<string, OperationLane>;
}

export function LaneList(props: LaneListProps) {
  return props.lanes.length > VIRTUALIZE_ABOVE ? <VirtualLaneList {...props} /> : <PlainLaneList {...props} />;
}

function PlainLaneList({ lanes, requests, lanesById }: LaneListProps) {
  return (
    <ol className="lanes" aria-label="Operations">
      {lanes.map((lane) => (
        <Lane key={lane.id} lane={lane} requests={requests} lanesById={lanesById} />
      ))}
    </ol>
  );
}

/** A long timeline (thousands of notifications) keeps a few dozen lanes in the DOM, so every update stays cheap. */
function VirtualLaneList({ lanes, requests, lanesById }: LaneListProps) {
  const listRef = useRef<HTMLOListElement>(null);
  const [listTop, setListTop] = useState(0);
  const virtualizer = useWindowVirtualizer({
    count: lanes.length,
    estimateSize: () => 120,
    overscan: 8,
    gap: LANE_GAP_PX,
    scrollMargin: listTop,
    getItemKey: (index) => lanes[index]?.id ?? index,
  });

  // The list's distance from the top of the page moves when the filters or banners above it change,
  // so it is re-read after every render; the guard stops the update once it is stable.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useLayoutEffect(() => {
    const top = (listRef.current?.getBoundingClientRect().top ?? 0) + window.scrollY;
    if (Math.abs(top - listTop) > 1) setListTop(top);
  });

  return (
    <ol ref={listRef} className="lanes virtual" aria-label="Operations" style={{ height: virtualizer.getTotalSize() }}>
      {virtualizer.getVirtualItems().map((item) => {
        const lane = lanes[item.index];
        if (!lane) return null;
        return (
          <Lane
            key={lane.id}
            lane={lane}
            requests={requests}
            lanesById={lanesById}
            placement={{ index: item.index, setSize: lanes.length, top: item.start - listTop, measure: virtualizer.measureElement }}
          />
        );
      })}
    </ol>
  );
}

import { useWindowVirtualizer } from '@tanstack/react-virtual';
import { useLayoutEffect, useRef, useState } from 'react';
import { Lane } from './Lane';
import type { LaneListProps } from './LaneList';

const LANE_GAP_PX = 10;
const ESTIMATED_LANE_PX = 120;

/** A long timeline (thousands of notifications) keeps a few dozen lanes in the DOM, so every update stays cheap. */
export default function VirtualLaneList({ lanes, requests, laneById }: LaneListProps) {
  const listRef = useRef<HTMLOListElement>(null);
  const [listTop, setListTop] = useState(0);
  const virtualizer = useWindowVirtualizer({
    count: lanes.length,
    estimateSize: () => ESTIMATED_LANE_PX,
    // A card is measured by the ResizeObserver, after the browser's own layout. Measured as it is added (the
    // default), a new card at the top would make the browser lay the page out in the middle of each relay batch.
    measureElement: (element, entry, instance) => {
      const box = entry?.borderBoxSize[0];
      if (box) return Math.round(box.blockSize);
      return instance.itemSizeCache.get(instance.options.getItemKey(instance.indexFromElement(element))) ?? ESTIMATED_LANE_PX;
    },
    overscan: 8,
    gap: LANE_GAP_PX,
    scrollMargin: listTop,
    getItemKey: (index) => lanes[index]?.id ?? index,
  });

  // The list's distance from the top of the page moves when panels above it change size. It is read
  // after layout (ResizeObserver), never forced in the middle of a render: a long, busy timeline renders often.
  useLayoutEffect(() => {
    const list = listRef.current;
    if (!list) return;
    const measure = () => setListTop(list.getBoundingClientRect().top + window.scrollY);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(document.body);
    return () => observer.disconnect();
  }, []);

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
            laneById={laneById}
            placement={{ index: item.index, setSize: lanes.length, top: item.start - listTop, measure: virtualizer.measureElement }}
          />
        );
      })}
    </ol>
  );
}

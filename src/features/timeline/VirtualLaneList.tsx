import { useWindowVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { OperationLane } from '../../graph/timeline';
import { Lane } from './Lane';
import { OPERATIONS_LIST_ID, revealedElementId, type CardsProps } from './LaneList';

const LANE_GAP_PX = 10;
const ESTIMATED_LANE_PX = 120;

/** A long timeline (thousands of notifications) keeps a few dozen lanes in the DOM, so every update stays cheap. */
export default function VirtualLaneList({ lanes, requests, laneById, reveal, onRevealed }: CardsProps) {
  const listRef = useRef<HTMLOListElement>(null);
  const [listTop, setListTop] = useState(0);
  // The virtualizer works out every card's place again (an object per card, thousands) whenever getItemKey is
  // a new function. It stays the same while the cards' order does, as it does while a held list's content updates.
  const [keyedLanes, setKeyedLanes] = useState(lanes);
  if (keyedLanes !== lanes && !inSameOrder(keyedLanes, lanes)) setKeyedLanes(lanes);
  const getItemKey = useCallback((index: number) => keyedLanes[index]?.id ?? index, [keyedLanes]);
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
    getItemKey,
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

  // A card far down the list is not in the DOM: scrolled to first, it is focused once drawn. Read from a ref,
  // as the lanes change with every relay batch and the reveal must not start over with each.
  const drawn = useRef({ lanes, listTop });
  useLayoutEffect(() => {
    drawn.current = { lanes, listTop };
  });
  useEffect(() => {
    if (!reveal) return;
    const index = reveal.laneId === undefined ? -1 : drawn.current.lanes.findIndex((lane) => lane.id === reveal.laneId);
    if (index >= 0) virtualizer.scrollToIndex(index, { align: 'center' });
    else window.scrollTo({ top: Math.min(window.scrollY, drawn.current.listTop) });
    const frame = requestAnimationFrame(() => {
      document.getElementById(revealedElementId(reveal))?.focus({ preventScroll: index >= 0 });
      onRevealed();
    });
    return () => cancelAnimationFrame(frame);
  }, [reveal, virtualizer, onRevealed]);

  return (
    <ol ref={listRef} className="lanes virtual" id={OPERATIONS_LIST_ID} tabIndex={-1} aria-label="Operations" style={{ height: virtualizer.getTotalSize() }}>
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

function inSameOrder(before: readonly OperationLane[], after: readonly OperationLane[]): boolean {
  return before.length === after.length && before.every((lane, index) => lane.id === after[index]?.id);
}

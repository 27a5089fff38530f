import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { OperationLane } from '../../graph/timeline';

/** This many new operations within HOLD_WINDOW_MS start a hold: faster than anyone reads a list that moves. */
export const HOLD_AFTER_NEW = 3;
export const HOLD_WINDOW_MS = 500;
/** A hold ends once no new operation has come for this long (unless `mayEnd` says not yet). */
export const QUIET_MS = 1_000;

export interface HeldLanes {
  /** The lanes to draw: all of them, or while held those from the newest drawn when the hold began (their content still live). */
  shown: readonly OperationLane[];
  /** New operations waiting above the held list. */
  newer: number;
  /** Ends the hold. */
  showNewer(): void;
}

/**
 * A List (newest first) that holds still while operations stream in. Every new card moves every card below
 * it: at 50 new operations a second that is a list nobody can read, and a page that redraws every frame.
 * Once operations come that fast, the cards drawn stay where they are (and keep updating in place), and the
 * new ones wait under a "newer operations" button, named meanwhile by the Latest strip. The hold ends when
 * the user asks, or once new operations have stopped, when `mayEnd` agrees (the List keeps it while its button
 * has the focus: the button would vanish from under the user's finger).
 *
 * New operations are those ahead of the previous first lane: a session's earlier events, loaded later, go
 * to the end and are shown as they come. Lanes that no longer hold the held newest one (another session, another
 * filter) end the hold.
 */
export function useHeldLanes(lanes: readonly OperationLane[], mayEnd: () => boolean): HeldLanes {
  // The id of the newest lane drawn when the hold began.
  const [heldFrom, setHeldFrom] = useState<string>();
  const heldAt = heldFrom === undefined ? -1 : lanes.findIndex((lane) => lane.id === heldFrom);
  const holding = heldAt >= 0;
  // The held lane is gone from the lanes: forgotten, so that it does not hold them again should it come back.
  if (heldFrom !== undefined && !holding) setHeldFrom(undefined);
  const newestId = lanes[0]?.id;
  const newAt = useRef<number[]>([]);
  const lastNewestId = useRef(newestId);

  // New operations (those ahead of the newest before) are counted after each render: the first few are drawn as they come.
  useEffect(() => {
    const previous = lastNewestId.current;
    if (newestId === previous) return;
    lastNewestId.current = newestId;
    // The previous newest gone (another session, another filter): nothing new arrived.
    const added = previous === undefined ? 0 : lanes.findIndex((lane) => lane.id === previous);
    if (holding || added <= 0) return;
    const now = performance.now();
    newAt.current = [...newAt.current.filter((at) => now - at < HOLD_WINDOW_MS), ...Array<number>(Math.min(added, HOLD_AFTER_NEW)).fill(now)];
    if (newAt.current.length >= HOLD_AFTER_NEW) setHeldFrom(newestId);
  }, [lanes, newestId, holding]);

  const showNewer = useCallback(() => {
    newAt.current = [];
    setHeldFrom(undefined);
  }, []);

  // Re-armed by every new operation: the hold ends QUIET_MS after the last one, or later if `mayEnd` says not yet.
  useEffect(() => {
    if (!holding) return;
    let timer = 0;
    const endWhenAllowed = () => {
      if (mayEnd()) showNewer();
      else timer = window.setTimeout(endWhenAllowed, QUIET_MS);
    };
    timer = window.setTimeout(endWhenAllowed, QUIET_MS);
    return () => window.clearTimeout(timer);
  }, [holding, newestId, mayEnd, showNewer]);

  const shown = useMemo(() => (heldAt > 0 ? lanes.slice(heldAt) : lanes), [lanes, heldAt]);
  return { shown, newer: Math.max(0, heldAt), showNewer };
}

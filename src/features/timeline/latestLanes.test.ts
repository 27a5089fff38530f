import { describe, expect, it } from 'vitest';
import type { OperationLane } from '../../graph/timeline';
import { latestLanes } from './latestLanes';

/** A lane first placed at `place`, changed at each of `changedAt` (seqs, in order). */
const lane = (id: string, place: number, changedAt: number[]): OperationLane => ({
  id,
  callId: 'call-1',
  type: 'playPrompt',
  place,
  changes: changedAt.map((seq) => ({ status: 'running', at: new Date(Date.UTC(2026, 0, 1, 0, 0, seq)).toISOString(), via: 'notification', seq, place: seq, raw: {} })),
});

describe('the List’s Latest strip', () => {
  it('names the operations changed last, newest first, not the ones started last', () => {
    // Newest first, as the List orders them: d started last, but a changed since.
    const lanes = [lane('d', 7, [7]), lane('c', 5, [5]), lane('b', 3, [3, 6]), lane('a', 1, [1, 9])];
    expect(latestLanes(lanes, 3).map((latest) => latest.id)).toEqual(['a', 'd', 'b']);
  });

  it('on a tie keeps the one the List shows first, and ranks an operation with no change yet by its own place', () => {
    const answeredOnly = { ...lane('r', 8, []), changes: [] };
    const lanes = [answeredOnly, lane('y', 4, [6]), lane('x', 2, [6])];
    expect(latestLanes(lanes, 3).map((latest) => latest.id)).toEqual(['r', 'y', 'x']);
    expect(latestLanes(lanes, 2).map((latest) => latest.id)).toEqual(['r', 'y']);
  });

  it('names no more than there are', () => {
    expect(latestLanes([lane('a', 1, [1])], 3).map((latest) => latest.id)).toEqual(['a']);
    expect(latestLanes([], 3)).toEqual([]);
  });
});

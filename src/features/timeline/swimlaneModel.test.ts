import { describe, expect, it } from 'vitest';
import type { OperationLane } from '../../graph/timeline';
import { lanesByCall } from '../../graph/laneGroups';
import { anchoredTop, chartModel as modelOfCalls, fitScale, rowsInWindow, rowTop } from './swimlaneModel';

const metrics = { headPx: 30, rowPx: 40 };
const lane = (id: string, callId: string, seqs: number[], status = 'completed'): OperationLane => ({
  id,
  callId,
  type: 'playPrompt',
  place: seqs[0] ?? 0,
  changes: seqs.map((seq, index) => ({
    status: index === seqs.length - 1 ? status : 'running',
    at: new Date(Date.UTC(2026, 0, 1, 0, 0, seq)).toISOString(),
    via: 'notification',
    seq,
    place: seq,
    raw: {},
  })),
});

/** The model of lanes given in the log's order (their order in the list breaks ties). */
const chartModel = (lanes: readonly OperationLane[], offsetMs: number, live: boolean, rows: typeof metrics) =>
  modelOfCalls(lanesByCall(lanes), offsetMs, live, rows, (a, b) => a.place - b.place || lanes.indexOf(a) - lanes.indexOf(b));

describe('the swimlanes model', () => {
  const lanes = [lane('a', 'call-1', [1, 4]), lane('b', 'call-2', [2]), lane('c', 'call-1', [3, 5], 'running')];

  it('groups bars by call in the order calls first appear, and knows which operation changed last', () => {
    const model = chartModel(lanes, 0, true, metrics);
    expect(model.groups.map((group) => [group.callId, group.bars.map((bar) => bar.lane.id)])).toEqual([
      ['call-1', ['a', 'c']],
      ['call-2', ['b']],
    ]);
    expect(model.groups.map((group) => [group.top, group.height])).toEqual([
      [0, 110],
      [110, 70],
    ]);
    expect(model.newestLaneId).toBe('c');
    // c is the second row of call-1: below its head (30 px) and the first row (40 px).
    expect(model.newestTop).toBe(70);
    expect(model.newestTop).toBe(rowTop(model, 'c', metrics));
    expect(model.anyGrowing).toBe(true);
    expect(chartModel(lanes, 0, false, metrics).anyGrowing).toBe(false);
    expect(model.lastMs - model.originMs).toBe(4_000);
  });

  it('names the operations changed last, newest first, across calls, at most three, with their rows', () => {
    const model = chartModel([...lanes, lane('d', 'call-2', [6]), lane('e', 'call-3', [0, 2])], 0, true, metrics);
    // d (6), c (5), a (4): b (2) and e (last changed at 2, before a's 4) are older.
    expect(model.latest.map(({ bar, callId }) => [bar.lane.id, callId])).toEqual([
      ['d', 'call-2'],
      ['c', 'call-1'],
      ['a', 'call-1'],
    ]);
    expect(model.latest.map(({ top }) => top)).toEqual([rowTop(model, 'd', metrics), rowTop(model, 'c', metrics), rowTop(model, 'a', metrics)]);
    expect(model.newestLaneId).toBe('d');
    // Two operations last changed by the same place: the later in the log's order is the newer.
    const tied = chartModel([lane('x', 'call-1', [7]), lane('y', 'call-2', [7])], 0, true, metrics);
    expect(tied.latest.map(({ bar }) => bar.lane.id)).toEqual(['y', 'x']);
  });

  it('works a bar out once per lane object: an unchanged lane gives the same bar', () => {
    const first = chartModel(lanes, 0, true, metrics);
    const again = chartModel([...lanes], 0, true, metrics);
    expect(again.groups[0]?.bars[0]).toBe(first.groups[0]?.bars[0]);
  });

  it('draws only the rows that fall in the window', () => {
    const many = Array.from({ length: 1_000 }, (_, index) => lane(`op${index}`, 'call', [index + 1]));
    const model = chartModel(many, 0, true, metrics);
    const group = model.groups[0];
    if (!group) throw new Error('no group');
    // Rows start below the group's head (30 px); 400 px from 4,030 px is rows 100 to 109.
    expect(rowsInWindow(group, 4_030, 4_430, metrics)).toEqual([100, 110]);
    expect(rowsInWindow(group, -500, 10, metrics)).toEqual([0, 0]);
    expect(rowsInWindow(group, 39_990, 90_000, metrics)).toEqual([999, 1_000]);
    expect(rowTop(model, 'op100', metrics)).toBe(4_030);
  });

  it('goes through only the calls whose lanes changed: an unchanged call keeps its bars', () => {
    const calls = lanesByCall(lanes);
    const inLog = (a: OperationLane, b: OperationLane) => a.place - b.place;
    const first = modelOfCalls(calls, 0, true, metrics, inLog);
    const added = lane('d', 'call-2', [6]);
    const next = modelOfCalls([calls[0] as (typeof calls)[number], { callId: 'call-2', lanes: [...(calls[1]?.lanes ?? []), added] }], 0, true, metrics, inLog);
    expect(next.groups[0]?.bars).toBe(first.groups[0]?.bars);
    expect(next.groups[1]?.bars.map((bar) => bar.lane.id)).toEqual(['b', 'd']);
    expect(next.newestLaneId).toBe('d');
  });
});

describe('a view anchored to its rows', () => {
  const calls = (lanes: readonly OperationLane[]) => modelOfCalls(lanesByCall(lanes), 0, true, metrics, (a, b) => a.place - b.place);
  const first = Array.from({ length: 20 }, (_, index) => lane(`a${index}`, 'call-1', [index * 2 + 1]));
  const second = Array.from({ length: 20 }, (_, index) => lane(`b${index}`, 'call-2', [index * 2 + 2]));
  const before = calls([...first, ...second]);
  // The view's top on b5's row: below call-1 (30 + 20 rows) and call-2's head and five rows.
  const onB5 = (rowTop(before, 'b5', metrics) ?? 0) + 7;

  it('moves down with its row when a call above it gains an operation', () => {
    const after = calls([...first, ...second, lane('a20', 'call-1', [50])]);
    expect(anchoredTop(before, after, onB5, metrics)).toBe(onB5 + metrics.rowPx);
    expect(anchoredTop(before, after, onB5, metrics) - (rowTop(after, 'b5', metrics) ?? 0)).toBe(7);
  });

  it('stays when the rows added are below it, or the chart did not change', () => {
    expect(anchoredTop(before, calls([...first, ...second, lane('b20', 'call-2', [50])]), onB5, metrics)).toBe(onB5);
    expect(anchoredTop(before, before, onB5, metrics)).toBe(onB5);
  });

  it('moves down with its row when a session\'s earlier events are put before it in its own call', () => {
    const earlier = Array.from({ length: 3 }, (_, index) => lane(`early${index}`, 'call-2', [0]));
    const after = calls([...earlier, ...first, ...second]);
    expect(anchoredTop(before, after, onB5, metrics) - (rowTop(after, 'b5', metrics) ?? 0)).toBe(7);
  });

  it('follows a call\'s head, and leaves a view above every call where it is', () => {
    const onHead = (before.groups[1]?.top ?? 0) + 4;
    const after = calls([...first, lane('a20', 'call-1', [50]), ...second]);
    expect(anchoredTop(before, after, onHead, metrics)).toBe(onHead + metrics.rowPx);
    expect(anchoredTop(before, after, 0, metrics)).toBe(0);
  });
});

describe('Fit\'s scale', () => {
  it('steps down to at most the exact fit, in steps of about 9 %, so a growing span changes it now and then', () => {
    const scales = new Set<number>();
    for (let spanS = 10; spanS <= 11; spanS += 0.01) {
      const exact = 1_000 / spanS;
      const scale = fitScale(exact);
      expect(scale).toBeLessThanOrEqual(exact);
      expect(scale).toBeGreaterThan(exact / 1.1);
      scales.add(scale);
    }
    // A span growing by 10 % in a hundred steps: one or two scales, not a hundred.
    expect(scales.size).toBeLessThanOrEqual(2);
  });
});

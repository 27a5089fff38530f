import { describe, expect, it } from 'vitest';
import type { OperationLane } from '../../graph/timeline';
import { NO_FILTER } from './filterStore';
import { filterLanes, isFiltering } from './filterLanes';

const lane = (id: string, callId: string, type: string, status: string, clientContext: string, raw: unknown = {}): OperationLane => ({
  id,
  callId,
  type,
  clientContext,
  changes: [{ status, at: '2026-01-01T00:00:00Z', via: 'notification', place: 1, raw }],
  place: 1,
});

const lanes = [
  lane('op-1', 'call-a', 'playPrompt', 'failed', 'welcome-prompt', { resourceData: { resultInfo: { subcode: 8508 } } }),
  lane('op-2', 'call-a', 'record', 'completed', 'voicemail'),
  lane('op-3', 'call-b', 'playPrompt', 'running', 'Menu-Prompt'),
];

describe('filterLanes', () => {
  it('keeps everything without a filter', () => {
    expect(filterLanes(lanes, NO_FILTER)).toHaveLength(3);
    expect(isFiltering(NO_FILTER)).toBe(false);
  });

  it('filters by call, type and last status', () => {
    expect(filterLanes(lanes, { ...NO_FILTER, callId: 'CALL-A' }).map((l) => l.id)).toEqual(['op-1', 'op-2']);
    expect(filterLanes(lanes, { ...NO_FILTER, type: 'playPrompt' }).map((l) => l.id)).toEqual(['op-1', 'op-3']);
    expect(filterLanes(lanes, { ...NO_FILTER, status: 'running' }).map((l) => l.id)).toEqual(['op-3']);
    expect(filterLanes(lanes, { ...NO_FILTER, type: 'playPrompt', callId: 'call-b' }).map((l) => l.id)).toEqual(['op-3']);
  });

  it('matches clientContext without regard to case', () => {
    expect(filterLanes(lanes, { ...NO_FILTER, clientContext: 'menu' }).map((l) => l.id)).toEqual(['op-3']);
  });

  it('searches inside raw payloads', () => {
    expect(filterLanes(lanes, { ...NO_FILTER, search: '8508' }).map((l) => l.id)).toEqual(['op-1']);
    expect(isFiltering({ ...NO_FILTER, search: '8508' })).toBe(true);
  });

  it('finds exactly one operation by id with id:, even where another payload names it', () => {
    const named = [...lanes, lane('op-10', 'call-a', 'cancelMediaProcessing', 'completed', '', { ended: ['op-1'] })];
    expect(filterLanes(named, { ...NO_FILTER, search: 'op-1' }).map((l) => l.id)).toEqual(['op-1', 'op-10']);
    expect(filterLanes(named, { ...NO_FILTER, search: 'id:OP-1' }).map((l) => l.id)).toEqual(['op-1']);
    expect(filterLanes(named, { ...NO_FILTER, search: ' id: op-10 ' }).map((l) => l.id)).toEqual(['op-10']);
    expect(filterLanes(named, { ...NO_FILTER, search: 'id:op-4' })).toEqual([]);
  });
});

describe('isFiltering', () => {
  it('looks only at the filter fields, not at the functions of the store that holds them', () => {
    const store = { ...NO_FILTER, update: () => undefined, clear: () => undefined };
    expect(isFiltering(store)).toBe(false);
    expect(isFiltering({ ...store, status: 'failed' })).toBe(true);
  });
});

import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TimelineEvent } from '../../graph/timeline';
import { mergeLoaded } from './loadedEvents';

const n = (seq: number, flags: { redelivered?: boolean; replayed?: boolean } = {}): Extract<TimelineEvent, { kind: 'notification' }> => ({
  kind: 'notification',
  seq,
  receivedAt: '2026-01-01T00:00:00.000Z',
  verified: false,
  source: 'simulator',
  body: {},
  ...flags,
});
const request = (id: string): TimelineEvent => ({ kind: 'request', id, at: '2026-01-01T00:00:00.000Z', callId: 'c', profile: 'v1.0', method: 'POST', path: '/x', body: {} });
const describeEvents = (events: readonly TimelineEvent[]) =>
  events.map((event) => (event.kind === 'notification' ? `n${event.seq}${event.redelivered ? ' again' : ''}` : event.kind === 'request' ? event.id : 'response'));

describe('mergeLoaded', () => {
  it('keeps what arrived while the session loaded, once', () => {
    const merged = mergeLoaded([request('a'), n(4), n(5)], [n(5), n(6), request('b'), n(5, { redelivered: true })], { sameSession: true, startSeq: 3 });
    expect(describeEvents(merged)).toEqual(['a', 'n4', 'n5', 'n6', 'b', 'n5 again']);
  });

  it('drops the previous session’s events, but keeps the new session’s notifications', () => {
    const merged = mergeLoaded([], [request('old'), n(3), n(4)], { sameSession: false, startSeq: 3 });
    expect(describeEvents(merged)).toEqual(['n4']);
  });
});

describe('the timeline store', () => {
  // The store persists lastSeq in localStorage, which Node lacks: a Map stands in (the store takes it once, when created).
  const items = new Map<string, string>();
  beforeAll(() => {
    // The store writes lastSeq on a timer: the tests move the clock.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    Object.assign(globalThis, {
      localStorage: { getItem: (k: string) => items.get(k) ?? null, setItem: (k: string, v: string) => items.set(k, v), removeItem: (k: string) => items.delete(k) },
    });
  });
  afterAll(() => {
    vi.useRealTimers();
    Reflect.deleteProperty(globalThis, 'localStorage');
  });
  beforeEach(() => items.clear());

  async function freshStore() {
    const { useTimelineStore } = await import('./timelineStore');
    useTimelineStore.setState({ events: [], archived: undefined, sessionId: undefined, startSeq: 0, lastSeq: 0, botAnswers: {} });
    return useTimelineStore;
  }

  it('counts each relay seq once, shows a redelivery without counting it, and leaves out earlier sessions’ notifications', async () => {
    const store = await freshStore();
    store.getState().loadSession('s1', 2, [n(3)]);
    const { add } = store.getState();
    add(n(1)); // an earlier session's: counted as received, not shown
    expect(store.getState().lastSeq).toBe(3);
    add(n(3));
    add(n(4));
    add(n(4, { redelivered: true }));
    add(n(5));
    expect(describeEvents(store.getState().events)).toEqual(['n3', 'n4', 'n4 again', 'n5']);
    expect(store.getState().lastSeq).toBe(5);
  });

  it('takes a relay batch in one update, with the same rules as one event at a time', async () => {
    const store = await freshStore();
    store.getState().loadSession('s1', 2, [n(3)]);
    let updates = 0;
    const unsubscribe = store.subscribe(() => (updates += 1));
    store.getState().addAll([n(1), n(3), n(4), n(4, { redelivered: true }), request('r'), n(5), n(5)]);
    unsubscribe();
    expect(updates).toBe(1);
    expect(describeEvents(store.getState().events)).toEqual(['n3', 'n4', 'n4 again', 'r', 'n5']);
    expect(store.getState().lastSeq).toBe(5);
  });

  it('shows an ended session while live notifications keep going to the current one', async () => {
    const store = await freshStore();
    store.getState().loadSession('current', 0, [n(1)]);
    store.getState().showArchived([request('old')]);
    store.getState().add(n(2));
    store.getState().add(n(1, { redelivered: true }));
    expect(describeEvents(store.getState().archived ?? [])).toEqual(['old', 'n1 again']);
    store.getState().showArchived(undefined);
    expect(describeEvents(store.getState().events)).toEqual(['n1', 'n2']);
  });

  it('keeps what the bot answered each notification: loaded with it, or arriving after it, the latest winning', async () => {
    const store = await freshStore();
    const answered = { outcome: 'answered', status: 202, ms: 14, retries: 0 } as const;
    store.getState().loadSession('s', 0, [{ ...n(1), bot: answered }, n(2)]);
    expect(store.getState().botAnswers).toEqual({ 1: answered });
    store.getState().setBotAnswer(2, { outcome: 'unreachable', status: 502, ms: 3, retries: 0 });
    store.getState().add({ ...n(3), bot: { ...answered, status: 500 } });
    store.getState().setBotAnswer(3, { ...answered, retries: 1 });
    expect(store.getState().botAnswers).toEqual({ 1: answered, 2: { outcome: 'unreachable', status: 502, ms: 3, retries: 0 }, 3: { ...answered, retries: 1 } });
    // A scenario replay's numbering is not the relay's: its answers are not taken.
    store.getState().add({ ...n(9, { replayed: true }), bot: answered });
    expect(store.getState().botAnswers[9]).toBeUndefined();
  });

  it('persists only where the relay stands, not the events, at most once a second', async () => {
    const store = await freshStore();
    store.getState().loadSession('s', 0, [request('r'), n(6)]);
    store.getState().add(n(7));
    expect(items.has('comms-console.timeline')).toBe(false);
    vi.advanceTimersByTime(1_000);
    const saved = JSON.parse(items.get('comms-console.timeline') ?? '{}') as { state: unknown };
    expect(saved.state).toEqual({ lastSeq: 7 });
  });
});

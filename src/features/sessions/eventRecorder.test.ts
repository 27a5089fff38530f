import { describe, expect, it } from 'vitest';
import type { PlacedEvent, RecordedEvent } from '../../graph/sessions';
import { ConsoleApiError } from '../../lib/sendJson';
import { createEventRecorder, type RecorderState, type UnsavedEvent, type UnsavedJournal } from './eventRecorder';

const request = (id: string): RecordedEvent => ({ kind: 'request', id, at: '2026-01-01T00:00:00.000Z', callId: 'c', profile: 'v1.0', method: 'POST', path: '/x', body: {} });
const response = (requestId: string): RecordedEvent => ({ kind: 'response', requestId, at: '2026-01-01T00:00:01.000Z', status: 200, headers: {}, body: null });
const names = (events: PlacedEvent[]) => events.map(({ event }) => (event.kind === 'request' ? event.id : `answer ${event.requestId}`));
const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

function harness(answers: (() => Promise<void>)[] = []) {
  const posts: { sessionId: string; events: string[] }[] = [];
  const states: RecorderState[] = [];
  const timers: (() => void)[] = [];
  const recorder = createEventRecorder({
    post: (sessionId, events) => {
      posts.push({ sessionId, events: names(events) });
      return answers.shift()?.() ?? Promise.resolve();
    },
    onChange: (state) => states.push(state),
    setTimer: (run) => timers.push(run),
  });
  return { recorder, posts, states, timers };
}

describe('the event recorder', () => {
  it('holds events until the current session is known, then sends them in order', async () => {
    const { recorder, posts, states } = harness();
    recorder.record(request('a'), 0);
    recorder.record(response('a'), 2);
    await tick();
    expect(posts).toEqual([]);
    recorder.setCurrentSession('session-1');
    await tick();
    expect(posts).toEqual([{ sessionId: 'session-1', events: ['a', 'answer a'] }]);
    expect(states.at(-1)).toEqual({ unsaved: 0 });
  });

  it('sends one POST at a time, and a response to the session of its request', async () => {
    let release: () => void = () => undefined;
    const { recorder, posts } = harness([() => new Promise<void>((resolve) => (release = resolve))]);
    recorder.setCurrentSession('old');
    recorder.record(request('a'), 0);
    recorder.setCurrentSession('new');
    recorder.record(request('b'), 0);
    recorder.record(response('a'), 1);
    await tick();
    expect(posts).toHaveLength(1);
    release();
    await tick();
    await tick();
    expect(posts).toEqual([
      { sessionId: 'old', events: ['a'] },
      { sessionId: 'new', events: ['b'] },
      { sessionId: 'old', events: ['answer a'] },
    ]);
  });

  it('keeps events and tries again while the history cannot be reached', async () => {
    const { recorder, posts, states, timers } = harness([() => Promise.reject(new TypeError('Failed to fetch'))]);
    recorder.setCurrentSession('s');
    recorder.record(request('a'), 0);
    await tick();
    expect(states.at(-1)).toEqual({ unsaved: 1, error: 'Not saved yet, trying again: Failed to fetch' });
    recorder.record(request('b'), 0);
    await tick();
    expect(posts).toHaveLength(1); // waits for the retry rather than hammering
    timers.shift()?.();
    await tick();
    expect(posts.at(-1)).toEqual({ sessionId: 's', events: ['a', 'b'] });
    expect(states.at(-1)).toEqual({ unsaved: 0 });
  });

  it('drops what the history refuses for good, says so, and goes on', async () => {
    const { recorder, posts, states } = harness([() => Promise.reject(new ConsoleApiError('POST /api/sessions/s/events answered 404: There is no session', 404))]);
    recorder.setCurrentSession('s');
    recorder.record(request('a'), 0);
    await tick();
    expect(states.at(-1)).toEqual({ unsaved: 0, error: '1 event could not be saved: POST /api/sessions/s/events answered 404: There is no session' });
    recorder.record(request('b'), 0);
    await tick();
    expect(posts.map((post) => post.events)).toEqual([['a'], ['b']]);
    expect(states.at(-1)).toEqual({ unsaved: 0 });
  });

  it('journals each event as it is recorded, and after a reload sends what was not stored before anything is read', async () => {
    let saved: UnsavedEvent[] = [];
    const journal: UnsavedJournal = { read: () => structuredClone(saved), write: (events) => (saved = structuredClone([...events])) };
    const neverAnswered = () => new Promise<void>(() => undefined);
    const before = createEventRecorder({ post: neverAnswered, onChange: () => undefined, journal });
    before.setCurrentSession('s');
    before.record(request('a'), 0);
    // Synchronously, before anything could show it: the journal already holds it.
    expect(saved.map(({ placed }) => placed.event.kind)).toEqual(['request']);
    before.record(response('a'), 3);
    expect(saved).toHaveLength(2);

    // The page reloads: a new recorder over the same journal, no session chosen yet.
    const posts: { sessionId: string; events: string[] }[] = [];
    const after = createEventRecorder({ post: async (sessionId, events) => void posts.push({ sessionId, events: names(events) }), onChange: () => undefined, journal });
    await after.settled();
    expect(posts).toEqual([{ sessionId: 's', events: ['a', 'answer a'] }]);
    expect(saved).toEqual([]);
  });

  it('settles at once with nothing to send, and when a retry has to wait', async () => {
    const { recorder, timers } = harness([() => Promise.reject(new TypeError('Failed to fetch'))]);
    await recorder.settled();
    recorder.setCurrentSession('s');
    recorder.record(request('a'), 0);
    await recorder.settled();
    expect(timers).toHaveLength(1);
  });
});

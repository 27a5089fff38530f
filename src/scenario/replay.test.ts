import { describe, expect, it } from 'vitest';
import { buildTimeline, type TimelineEvent } from '../graph/timeline';
import { clampSpeed, replayEvents, ScenarioPlayer, type PlayerState, type ReplayClock } from './replay';
import type { ScenarioStep } from './schema';
import { builtin } from './test-support';

/** A clock that moves only when told, running the timers that fall due. */
function manualClock(start = 1_000_000): ReplayClock & { advance(ms: number): void } {
  let now = start;
  let nextHandle = 1;
  const timers = new Map<number, { at: number; run: () => void }>();
  return {
    now: () => now,
    setTimeout(run, ms) {
      const handle = nextHandle++;
      timers.set(handle, { at: now + ms, run });
      return handle;
    },
    clearTimeout(handle) {
      timers.delete(handle as number);
    },
    advance(ms) {
      const until = now + ms;
      for (;;) {
        const due = [...timers.entries()].filter(([, timer]) => timer.at <= until).sort((a, b) => a[1].at - b[1].at)[0];
        if (!due) break;
        timers.delete(due[0]);
        now = due[1].at;
        due[1].run();
      }
      now = until;
    },
  };
}

const note = (t: number, seq: number): ScenarioStep => ({ t, kind: 'notification', seq, source: 'simulator', verified: false, body: { value: [] } });
const STEPS: ScenarioStep[] = [note(0, 1), note(1_000, 2), note(3_000, 3), note(3_000, 4)];

function harness(steps = STEPS, speed = 1) {
  const clock = manualClock();
  const events: TimelineEvent[] = [];
  const states: PlayerState[] = [];
  let starts = 0;
  const player = new ScenarioPlayer(steps, { start: () => (starts += 1), event: (event) => events.push(event), change: (state) => states.push(state) }, clock, speed);
  const seqs = () => events.map((event) => (event.kind === 'notification' ? event.seq : -1));
  return { clock, events, states, player, seqs, starts: () => starts };
}

describe('ScenarioPlayer', () => {
  it('plays each step at its offset, then finishes', () => {
    const { clock, player, seqs, starts } = harness();
    player.play();
    expect(starts()).toBe(1);
    clock.advance(0);
    expect(seqs()).toEqual([1]);
    clock.advance(999);
    expect(seqs()).toEqual([1]);
    clock.advance(1);
    expect(seqs()).toEqual([1, 2]);
    clock.advance(2_000);
    expect(seqs()).toEqual([1, 2, 3, 4]);
    expect(player.state).toEqual({ position: 4, total: 4, playing: false, speed: 1, finished: true });
  });

  it('plays faster and slower with the speed factor', () => {
    const fast = harness(STEPS, 10);
    fast.player.play();
    fast.clock.advance(300);
    expect(fast.seqs()).toEqual([1, 2, 3, 4]);

    const slow = harness(STEPS, 0.5);
    slow.player.play();
    slow.clock.advance(1_999);
    expect(slow.seqs()).toEqual([1]);
    slow.clock.advance(1);
    expect(slow.seqs()).toEqual([1, 2]);
  });

  it('keeps speeds between 0.5× and 10×', () => {
    expect(clampSpeed(0.1)).toBe(0.5);
    expect(clampSpeed(50)).toBe(10);
    expect(clampSpeed(Number.NaN)).toBe(1);
  });

  it('changes speed mid-wait without losing the time already waited', () => {
    const { clock, player, seqs } = harness();
    player.play();
    clock.advance(1_000);
    clock.advance(1_000); // halfway to the step at 3 000 ms
    player.setSpeed(2);
    clock.advance(499);
    expect(seqs()).toEqual([1, 2]);
    clock.advance(1);
    expect(seqs()).toEqual([1, 2, 3, 4]);
  });

  it('pauses and resumes where it was', () => {
    const { clock, player, seqs } = harness();
    player.play();
    clock.advance(400);
    player.pause();
    expect(player.state.playing).toBe(false);
    clock.advance(10_000);
    expect(seqs()).toEqual([1]);
    player.play();
    clock.advance(599);
    expect(seqs()).toEqual([1]);
    clock.advance(1);
    expect(seqs()).toEqual([1, 2]);
  });

  it('steps one step at a time without waiting, and starts the replay on the first', () => {
    const { player, seqs, starts, states } = harness();
    player.step();
    expect(starts()).toBe(1);
    player.step();
    expect(seqs()).toEqual([1, 2]);
    expect(player.state).toMatchObject({ position: 2, playing: false, finished: false });
    expect(states.at(-1)).toEqual(player.state);
    player.step();
    player.step();
    player.step();
    expect(seqs()).toEqual([1, 2, 3, 4]);
    expect(starts()).toBe(1);
  });

  it('plays again from the start after finishing or a restart, starting a fresh timeline each time', () => {
    const { clock, player, seqs, starts } = harness();
    player.play();
    clock.advance(5_000);
    player.play();
    clock.advance(5_000);
    expect(seqs()).toEqual([1, 2, 3, 4, 1, 2, 3, 4]);
    expect(starts()).toBe(2);
    player.restart();
    expect(player.state.position).toBe(0);
  });

  it('stamps events from the replay start and marks them replayed', () => {
    const { clock, player, events } = harness();
    player.play();
    clock.advance(1_000);
    expect(events.map((event) => (event.kind === 'notification' ? event.receivedAt : ''))).toEqual([new Date(1_000_000).toISOString(), new Date(1_001_000).toISOString()]);
    expect(events.every((event) => event.replayed)).toBe(true);
  });
});

describe('replayEvents', () => {
  it('gives back the events a scenario was made from, marked replayed, and the timeline says so', () => {
    const scenario = builtin('recording-cancelled-tones-kept');
    const events = replayEvents(scenario);
    expect(events).toHaveLength(scenario.steps.length);
    expect(events.every((event) => event.replayed === true)).toBe(true);
    const timeline = buildTimeline(events);
    expect(timeline.lanes.flatMap((lane) => lane.changes).every((change) => change.replayed === true)).toBe(true);
    expect(buildTimeline(events.map(({ replayed: _replayed, ...event }) => event as TimelineEvent)).lanes.flatMap((lane) => lane.changes).some((change) => change.replayed)).toBe(false);
  });
});

/**
 * Replay: a scenario's steps fed back as timeline events on the scenario's own
 * schedule, faster or slower, with pause and single steps. The player knows
 * nothing of React: the UI hands it a sink and a clock.
 */
import type { TimelineEvent } from '../graph/timeline';
import type { Scenario, ScenarioStep } from './schema';

export const MIN_SPEED = 0.5;
export const MAX_SPEED = 10;
/** The speeds the UI offers. */
export const SPEEDS = [0.5, 1, 2, 5, 10] as const;

/** The step as the timeline event it was, stamped `baseTime + t` and marked as replayed. */
export function replayEvent(step: ScenarioStep, baseTime: number): TimelineEvent {
  const at = new Date(baseTime + step.t).toISOString();
  switch (step.kind) {
    case 'request':
      return { kind: 'request', id: step.id, at, callId: step.callId, profile: step.profile, method: step.method, path: step.path, body: step.body, replayed: true };
    case 'response':
      return { kind: 'response', requestId: step.requestId, at, status: step.status, headers: { ...step.headers }, body: step.body, replayed: true };
    case 'notification':
      return { kind: 'notification', seq: step.seq, receivedAt: at, verified: step.verified, source: step.source, body: step.body, replayed: true };
  }
}

/** Every step at once: for tests, and for anything that wants the replayed timeline without waiting. */
export function replayEvents(scenario: Scenario, baseTime = Date.parse(scenario.recordedAt)): TimelineEvent[] {
  return scenario.steps.map((step) => replayEvent(step, baseTime));
}

export interface PlayerState {
  /** Steps played so far: `step {position} of {total}`. */
  position: number;
  total: number;
  playing: boolean;
  speed: number;
  finished: boolean;
}

export interface ReplaySink {
  /** A replay begins from its first step: a fresh timeline should start. */
  start(): void;
  event(event: TimelineEvent): void;
  change(state: PlayerState): void;
}

/** Time and timers, injectable so tests run the schedule without waiting. */
export interface ReplayClock {
  now(): number;
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realClock: ReplayClock = {
  now: () => Date.now(),
  setTimeout: (run, ms) => globalThis.setTimeout(run, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as Parameters<typeof globalThis.clearTimeout>[0]),
};

export function clampSpeed(speed: number): number {
  if (!Number.isFinite(speed)) return 1;
  return Math.min(MAX_SPEED, Math.max(MIN_SPEED, speed));
}

export class ScenarioPlayer {
  private position = 0;
  /** How far into the scenario's time the replay has got (ms), between steps too. */
  private cursor = 0;
  private playing = false;
  private speed: number;
  private baseTime = 0;
  private timer: unknown;
  /** When the current wait began (clock time), to know how far a pause or speed change got. */
  private waitStartedAt = 0;

  constructor(
    private readonly steps: readonly ScenarioStep[],
    private readonly sink: ReplaySink,
    private readonly clock: ReplayClock = realClock,
    speed = 1,
  ) {
    this.speed = clampSpeed(speed);
  }

  get state(): PlayerState {
    return { position: this.position, total: this.steps.length, playing: this.playing, speed: this.speed, finished: this.position >= this.steps.length };
  }

  play(): void {
    if (this.playing) return;
    if (this.position >= this.steps.length) this.rewind();
    this.beginIfFirst();
    this.playing = true;
    this.scheduleNext();
    this.notify();
  }

  pause(): void {
    if (!this.playing) return;
    this.stopWaiting();
    this.playing = false;
    this.notify();
  }

  /** Plays the next step now; a playing replay carries on from there. */
  step(): void {
    const next = this.steps[this.position];
    if (!next) return;
    this.stopWaiting();
    this.beginIfFirst();
    this.emit(next);
    if (this.playing) this.scheduleNext();
    this.notify();
  }

  setSpeed(speed: number): void {
    const next = clampSpeed(speed);
    if (next === this.speed) return;
    if (this.playing) {
      this.stopWaiting();
      this.speed = next;
      this.scheduleNext();
    } else {
      this.speed = next;
    }
    this.notify();
  }

  /** Back to before the first step; the next Play starts a fresh timeline. */
  restart(): void {
    this.rewind();
    this.notify();
  }

  dispose(): void {
    this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    this.playing = false;
  }

  private rewind(): void {
    this.dispose();
    this.position = 0;
    this.cursor = 0;
  }

  private beginIfFirst(): void {
    if (this.position > 0) return;
    this.baseTime = this.clock.now();
    this.sink.start();
  }

  private scheduleNext(): void {
    const next = this.steps[this.position];
    if (!next) {
      this.playing = false;
      return;
    }
    this.waitStartedAt = this.clock.now();
    const wait = Math.max(0, next.t - this.cursor) / this.speed;
    this.timer = this.clock.setTimeout(() => {
      this.timer = undefined;
      const reached = this.cursor + (this.clock.now() - this.waitStartedAt) * this.speed;
      this.emit(next);
      // Timers fire late (browsers clamp them to a few ms): steps that fell due meanwhile go out in the
      // same turn, so a dense scenario (thousands of notifications) keeps its pace.
      for (let due = this.steps[this.position]; due && due.t <= reached; due = this.steps[this.position]) this.emit(due);
      this.scheduleNext();
      this.notify();
    }, wait);
  }

  /** Cancels the pending step, keeping the scenario time the wait had reached. */
  private stopWaiting(): void {
    if (this.timer === undefined) return;
    this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    const next = this.steps[this.position];
    const reached = this.cursor + (this.clock.now() - this.waitStartedAt) * this.speed;
    this.cursor = next ? Math.min(next.t, reached) : reached;
  }

  private emit(step: ScenarioStep): void {
    this.cursor = step.t;
    this.position += 1;
    this.sink.event(replayEvent(step, this.baseTime));
  }

  private notify(): void {
    this.sink.change(this.state);
  }
}

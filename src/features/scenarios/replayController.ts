/**
 * One scenario's player, shaped for React's useSyncExternalStore: it is made
 * when a scenario is loaded (an event, not a render) and keeps the player's
 * latest state as a stable snapshot.
 */
import type { TimelineEvent } from '../../graph/timeline';
import { realClock, ScenarioPlayer, type PlayerState } from '../../scenario/replay';
import type { Scenario } from '../../scenario/schema';

export interface ReplayTarget {
  /** A replay begins: the app starts a fresh timeline for it. */
  start(name: string): void;
  event(event: TimelineEvent): void;
}

export class ReplayController {
  readonly player: ScenarioPlayer;
  private snapshot: PlayerState;
  private listeners = new Set<() => void>();

  constructor(
    readonly scenario: Scenario,
    target: ReplayTarget,
    speed: number,
  ) {
    this.player = new ScenarioPlayer(
      scenario.steps,
      {
        start: () => target.start(scenario.name),
        event: (event) => target.event(event),
        change: (state) => {
          this.snapshot = state;
          for (const listener of this.listeners) listener();
        },
      },
      realClock,
      speed,
    );
    this.snapshot = this.player.state;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): PlayerState => this.snapshot;

  dispose(): void {
    this.player.dispose();
    this.listeners.clear();
  }
}

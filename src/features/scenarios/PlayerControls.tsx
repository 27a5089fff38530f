import { useEffect, useSyncExternalStore } from 'react';
import { SPEEDS } from '../../scenario/replay';
import type { ReplayController } from './replayController';

interface PlayerControlsProps {
  controller: ReplayController;
  speed: number;
  onSpeedChange(speed: number): void;
  /** Replay feeds the mock console's timeline; in live mode it would mix with Graph's own notifications. */
  canPlay: boolean;
}

export function PlayerControls({ controller, speed, onSpeedChange, canPlay }: PlayerControlsProps) {
  const state = useSyncExternalStore(controller.subscribe, controller.getSnapshot);
  const { player, scenario } = controller;
  // The note of the last step played: what is happening now, in plain words.
  const caption = scenario.steps
    .slice(0, state.position)
    .reverse()
    .find((step) => step.note)?.note;

  useEffect(() => {
    player.setSpeed(speed);
  }, [player, speed]);

  return (
    <div className="player" role="group" aria-label="Replay">
      <p className="player-title">
        <strong>{scenario.name}</strong>
        {state.position > 0 && <span className="badge replayed">replayed, not live</span>}
      </p>
      <div className="actions">
        {/* aria-disabled, not disabled: a pressed button that disabled itself would drop the focus to the page. */}
        <button type="button" className="primary" aria-disabled={!canPlay || state.playing} onClick={() => canPlay && !state.playing && player.play()}>
          Play
        </button>
        <button type="button" aria-disabled={!state.playing} onClick={() => state.playing && player.pause()}>
          Pause
        </button>
        <button type="button" disabled={!canPlay || state.finished} onClick={() => player.step()}>
          Step
        </button>
        <button type="button" className="secondary" disabled={state.position === 0} onClick={() => player.restart()}>
          Restart
        </button>
        <label className="speed">
          Speed
          <select value={speed} onChange={(event) => onSpeedChange(Number(event.target.value))}>
            {SPEEDS.map((option) => (
              <option key={option} value={option}>
                {option}×
              </option>
            ))}
          </select>
        </label>
      </div>
      {caption && (
        <p className="caption" aria-live="polite">
          {caption}
        </p>
      )}
      <div className="progress-row">
        <progress aria-label="Replay progress" max={Math.max(1, state.total)} value={state.position} />
        <span aria-live="polite">
          step {state.position} of {state.total}
          {state.finished ? ' · finished' : state.playing ? ' · playing' : state.position > 0 ? ' · paused' : ''}
        </span>
      </div>
      {!canPlay && <p className="hint">Replay runs in mock mode: switch Mode to Mock to play it.</p>}
    </div>
  );
}

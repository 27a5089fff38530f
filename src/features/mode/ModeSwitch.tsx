import { useQuery } from '@tanstack/react-query';
import { configQuery } from './configQuery';
import { useModeStore, type Mode } from './modeStore';

/**
 * Mock or Live. Switching reloads the page: the mocks patch fetch and WebSocket
 * at boot, and a clean start is the only switch that cannot leave half of them on.
 */
export function ModeSwitch() {
  const mode = useModeStore((state) => state.mode);
  const setMode = useModeStore((state) => state.setMode);
  const config = useQuery(configQuery);
  const liveAvailable = config.data?.live.available === true;
  const liveReason = config.isPending
    ? 'Checking whether the server can reach Graph…'
    : config.isError
      ? `Live mode is off: the console's server did not answer (${config.error.message}).`
      : config.data.live.available
        ? undefined
        : (config.data.live.reason ?? 'Live mode is off: the server has no Graph credentials.');

  const choose = (next: Mode) => {
    if (next === mode) return;
    setMode(next);
    window.location.reload();
  };

  return (
    <div className="mode-switch">
      <div role="radiogroup" aria-label="Mode" className="segmented">
        {(['mock', 'live'] as const).map((option) => {
          const disabled = option === 'live' && !liveAvailable && mode !== 'live';
          return (
            <label key={option} className={mode === option ? 'segment selected' : 'segment'}>
              <input
                type="radio"
                name="mode"
                value={option}
                checked={mode === option}
                disabled={disabled}
                aria-describedby={disabled ? 'live-reason' : undefined}
                onChange={() => choose(option)}
              />
              {option === 'mock' ? 'Mock' : 'Live'}
            </label>
          );
        })}
      </div>
      {liveReason && !liveAvailable && (
        <p id="live-reason" className="hint">
          {liveReason}
        </p>
      )}
    </div>
  );
}

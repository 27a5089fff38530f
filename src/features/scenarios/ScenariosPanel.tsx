import { useEffect, useRef, useState } from 'react';
import type { KnownCall } from '../../graph/console';
import type { TimelineEvent } from '../../graph/timeline';
import { exportScenario } from '../../scenario/export';
import type { Scenario } from '../../scenario/schema';
import { DemoPicker } from './DemoPicker';
import { ExportControls } from './ExportControls';
import { ImportControls } from './ImportControls';
import { PlayerControls } from './PlayerControls';
import { ReplayController } from './replayController';
import { SpecDownload } from './SpecDownload';

interface ScenariosPanelProps {
  mode: 'mock' | 'live';
  calls: readonly KnownCall[];
  /** The timeline as it is now, read when exporting (not on every event). */
  getEvents(): readonly TimelineEvent[];
  /** A replay begins from its first step: start a fresh timeline for it. */
  onReplayStart(name: string): void;
  /** One replayed step, marked `replayed`, for the timeline. */
  onReplayEvent(event: TimelineEvent): void;
  presenting: boolean;
  onPresentingChange(presenting: boolean): void;
}

/** Export, import, built-in demos, the replay player, and generated Playwright specs. */
export function ScenariosPanel(props: ScenariosPanelProps) {
  const { mode, calls, getEvents, presenting, onPresentingChange } = props;
  const [controller, setController] = useState<ReplayController>();
  const [speed, setSpeed] = useState(1);
  const [name, setName] = useState('');
  const target = useRef({ start: props.onReplayStart, event: props.onReplayEvent });
  useEffect(() => {
    target.current = { start: props.onReplayStart, event: props.onReplayEvent };
  });

  useEffect(() => () => controller?.dispose(), [controller]);

  useEffect(() => {
    if (!presenting) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') onPresentingChange(false);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [presenting, onPresentingChange]);

  const load = (scenario: Scenario) => {
    setController(
      new ReplayController(scenario, { start: (name) => target.current.start(name), event: (event) => target.current.event(event) }, speed),
    );
  };

  const specSource = (): Scenario | string => {
    if (controller) return controller.scenario;
    const events = getEvents();
    if (events.length === 0) return 'Load a demo, import a scenario or use the console first: there is nothing to make a spec from.';
    return exportScenario(events, { name: name.trim() || 'Comms Console session', mode, calls });
  };

  const toggle = (
    <button type="button" className="secondary" aria-pressed={presenting} onClick={() => onPresentingChange(!presenting)}>
      Presentation view
    </button>
  );
  const player = controller && <PlayerControls controller={controller} speed={speed} onSpeedChange={setSpeed} canPlay={mode === 'mock'} />;

  return (
    <section className="panel scenarios" aria-labelledby="scenarios-heading">
      <div className="panel-head">
        <h2 id="scenarios-heading">Scenarios</h2>
        {toggle}
      </div>
      {presenting ? (
        <>
          {player}
          <p className="hint">Press Escape to leave the presentation view.</p>
        </>
      ) : (
        <>
          <div className="scenario-sources">
            <DemoPicker onLoad={load} />
            <ImportControls onLoad={load} />
          </div>
          {player ?? <p className="hint">Load a demo or import a scenario file to replay it here, at your pace.</p>}
          <div className="scenario-outputs">
            <ExportControls getEvents={getEvents} calls={calls} mode={mode} name={name} onNameChange={setName} />
            <SpecDownload getScenario={specSource} />
          </div>
        </>
      )}
    </section>
  );
}

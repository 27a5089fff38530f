import { useState } from 'react';
import type { KnownCall } from '../../graph/console';
import type { TimelineEvent } from '../../graph/timeline';
import { exportScenario, scenarioFileName } from '../../scenario/export';
import { randomSeed } from '../../scenario/rekey';
import { downloadText } from './download';

interface ExportControlsProps {
  getEvents(): readonly TimelineEvent[];
  calls: readonly KnownCall[];
  mode: 'mock' | 'live';
  /** The "Scenario name" field: the panel owns it, as the spec download is named after it too. */
  name: string;
  onNameChange(name: string): void;
}

/** The current timeline as a scenario file: secrets always stripped, ids re-keyed on request. */
export function ExportControls({ getEvents, calls, mode, name, onNameChange }: ExportControlsProps) {
  const [rekey, setRekey] = useState(false);
  const [message, setMessage] = useState<string>();

  const exportNow = () => {
    const events = getEvents();
    if (events.length === 0) {
      setMessage('The timeline is empty: there is nothing to export yet.');
      return;
    }
    const title = name.trim() || `Comms Console session ${new Date().toLocaleString()}`;
    const scenario = exportScenario(events, { name: title, mode, calls, ...(rekey ? { rekey: { seed: randomSeed() } } : {}) });
    downloadText(scenarioFileName(title), `${JSON.stringify(scenario, null, 2)}\n`, 'application/json');
    setMessage(`Exported ${scenario.steps.length} steps${rekey ? ' with new ids' : ''}; tokens and secrets were removed.`);
  };

  return (
    <div className="export">
      <div className="field">
        <label htmlFor="scenario-name">Scenario name</label>
        <input id="scenario-name" type="text" value={name} placeholder="Comms Console session" onChange={(event) => onNameChange(event.target.value)} />
      </div>
      <div className="actions">
        <label className="inline-check">
          <input type="checkbox" checked={rekey} onChange={(event) => setRekey(event.target.checked)} /> Re-key ids
        </label>
        <button type="button" onClick={exportNow}>
          Export scenario
        </button>
      </div>
      {message && (
        <p className="hint" aria-live="polite">
          {message}
        </p>
      )}
    </div>
  );
}

import { useState } from 'react';
import { scenarioFileName } from '../../scenario/export';
import type { Scenario } from '../../scenario/schema';
import { generateSpec } from '../../scenario/spec-generator';
import { planSpec } from '../../scenario/spec-plan';
import { downloadText } from './download';

/**
 * The loaded scenario (or, with none loaded, the current timeline under the "Scenario name") as a Playwright spec
 * that replays it through the UI; the file and the test are named after the scenario.
 */
export function SpecDownload({ getScenario }: { getScenario(): Scenario | string }) {
  const [error, setError] = useState<string>();
  const [recordedTiming, setRecordedTiming] = useState(false);
  const [warnings, setWarnings] = useState<string[]>([]);

  const download = () => {
    const scenario = getScenario();
    if (typeof scenario === 'string') {
      setError(scenario);
      return;
    }
    try {
      const spec = generateSpec(scenario, { source: 'downloaded from the console', timing: recordedTiming ? 'recorded' : 'state' });
      downloadText(scenarioFileName(scenario.name, '.spec.ts'), spec, 'text/plain');
      setWarnings(planSpec(scenario).warnings);
      setError(undefined);
    } catch (problem) {
      setError(problem instanceof Error ? problem.message : String(problem));
    }
  };

  return (
    <div className="field">
      <label className="inline-check">
        <input type="checkbox" checked={recordedTiming} onChange={(event) => setRecordedTiming(event.target.checked)} /> Keep recorded pauses
      </label>
      <button type="button" className="secondary" aria-describedby={error ? 'spec-error' : undefined} onClick={download}>
        Download Playwright spec
      </button>
      {warnings.length > 0 && (
        <ul className="hint" aria-label="Not checked by the spec">
          {warnings.map((warning) => (
            <li key={warning}>{warning}</li>
          ))}
        </ul>
      )}
      {error && (
        <p id="spec-error" className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

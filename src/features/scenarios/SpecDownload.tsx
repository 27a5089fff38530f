import { useState } from 'react';
import { scenarioFileName } from '../../scenario/export';
import type { Scenario } from '../../scenario/schema';
import { generateSpec } from '../../scenario/spec-generator';
import { downloadText } from './download';

/** The loaded scenario (or, with none loaded, the current timeline) as a Playwright spec that replays it through the UI. */
export function SpecDownload({ getScenario }: { getScenario(): Scenario | string }) {
  const [error, setError] = useState<string>();

  const download = () => {
    const scenario = getScenario();
    if (typeof scenario === 'string') {
      setError(scenario);
      return;
    }
    try {
      downloadText(scenarioFileName(scenario.name, '.spec.ts'), generateSpec(scenario, { source: 'downloaded from the console' }), 'text/plain');
      setError(undefined);
    } catch (problem) {
      setError(problem instanceof Error ? problem.message : String(problem));
    }
  };

  return (
    <div className="field">
      <button type="button" className="secondary" aria-describedby={error ? 'spec-error' : undefined} onClick={download}>
        Download Playwright spec
      </button>
      {error && (
        <p id="spec-error" className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

import { useState, type ChangeEvent } from 'react';
import { readScenario } from '../../scenario/import';
import type { Scenario } from '../../scenario/schema';

/** A scenario file from disk, validated; what is wrong with a bad one is said beside the picker. */
export function ImportControls({ onLoad }: { onLoad(scenario: Scenario): void }) {
  const [error, setError] = useState<string>();

  const onChange = async (event: ChangeEvent<HTMLInputElement>) => {
    const input = event.currentTarget;
    const file = input.files?.[0];
    if (!file) return;
    try {
      onLoad(readScenario(await file.text()));
      setError(undefined);
    } catch (problem) {
      setError(`${file.name}: ${problem instanceof Error ? problem.message : String(problem)}`);
    } finally {
      // Picking the same file again (after fixing it) must fire another change.
      input.value = '';
    }
  };

  return (
    <div className="field">
      <label htmlFor="scenario-file">Import scenario file</label>
      <input
        id="scenario-file"
        type="file"
        accept=".json,application/json"
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? 'scenario-file-error' : undefined}
        onChange={(event) => void onChange(event)}
      />
      {error && (
        <p id="scenario-file-error" className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

import { useState } from 'react';
import { BUILTIN_SCENARIOS } from '../../scenario/builtin';
import type { Scenario } from '../../scenario/schema';

/** The built-in demo scenarios: real call flows recorded from the simulator. */
export function DemoPicker({ onLoad }: { onLoad(scenario: Scenario): void }) {
  const [key, setKey] = useState(BUILTIN_SCENARIOS[0]?.key ?? '');
  const chosen = BUILTIN_SCENARIOS.find((builtin) => builtin.key === key);
  return (
    <div className="field">
      <label htmlFor="builtin-demo">Built-in demo</label>
      <div className="row">
        <select id="builtin-demo" value={key} onChange={(event) => setKey(event.target.value)} aria-describedby="builtin-demo-hint">
          {BUILTIN_SCENARIOS.map((builtin) => (
            <option key={builtin.key} value={builtin.key}>
              {builtin.scenario.name}
            </option>
          ))}
        </select>
        <button type="button" disabled={!chosen} onClick={() => chosen && onLoad(chosen.scenario)}>
          Load demo
        </button>
      </div>
      <p id="builtin-demo-hint" className="hint">
        {chosen?.scenario.description}
      </p>
    </div>
  );
}

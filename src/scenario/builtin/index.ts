/** The built-in demo scenarios, validated like any imported file. Regenerate with `npm run scenario:record`. */
import { validateScenario } from '../import';
import type { Scenario } from '../schema';
import ivrQueueCancelled from './ivr-queue-cancelled.json';
import legacyCurrentPromptOnly from './legacy-current-prompt-only.json';
import recordingCancelledTonesKept from './recording-cancelled-tones-kept.json';

export interface BuiltinScenario {
  /** The file name without `.json`: stable, used for generated spec names. */
  key: string;
  scenario: Scenario;
}

export const BUILTIN_SCENARIOS: readonly BuiltinScenario[] = [
  { key: 'ivr-queue-cancelled', scenario: validateScenario(ivrQueueCancelled) },
  { key: 'recording-cancelled-tones-kept', scenario: validateScenario(recordingCancelledTonesKept) },
  { key: 'legacy-current-prompt-only', scenario: validateScenario(legacyCurrentPromptOnly) },
];

/** Where the built-in scenarios are committed, and their exact text, so a test can tell when they are stale. */
import type { Scenario } from '../schema';

export const BUILTIN_DIR = 'src/scenario/builtin';

export function builtinFileText(scenario: Scenario): string {
  return `${JSON.stringify(scenario, null, 2)}\n`;
}

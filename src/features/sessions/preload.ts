/**
 * The first read's answer (currentSessionRead.ts) as useSessions uses it: checked against the
 * contract here, where it is consumed, once.
 */
import { sessionEventsSchema, type SessionEvents } from '../../graph/sessions';
import { parseUntrustedValue } from '../../graph/untrustedJson';
import { takeCurrentSessionRead } from './currentSessionRead';

/** The current session and its newest events, as read when the page started; undefined when there is none to take. */
export async function takePreloadedCurrent(): Promise<SessionEvents | undefined> {
  const answer = await takeCurrentSessionRead();
  if (answer === undefined) return undefined;
  const parsed = parseUntrustedValue(answer, sessionEventsSchema, { what: 'The current session', expected: 'in the expected shape' });
  // Not in shape: read again the usual way, whose failure says what was wrong.
  return parsed.ok ? parsed.value : undefined;
}

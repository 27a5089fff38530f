import type { KnownCall } from '../../graph/console';

const MEDIA_NAMES: Record<string, string> = {
  playPrompt: 'prompt playing',
  recordResponse: 'recording',
  subscribeToTone: 'tone subscription',
};

/** One line a person can pick a call by: name, state, media, participants; and, for a call known from notifications, when it was last heard of. */
export function describeCall(call: KnownCall): string {
  // Known only from notifications about its operations: Graph has not said which state the call is in.
  const parts = [call.state === 'unknown' ? 'state not reported' : call.state];
  if (call.runningMedia) parts.push(MEDIA_NAMES[call.runningMedia] ?? call.runningMedia);
  if (call.queuedMedia > 0) parts.push(`${call.queuedMedia} queued`);
  if (!call.runningMedia && call.queuedMedia === 0 && call.state === 'established') parts.push('no media');
  const lastSeen = call.lastSeenAt ? new Date(call.lastSeenAt) : undefined;
  if (lastSeen && !Number.isNaN(lastSeen.getTime())) parts.push(`last notification ${lastSeen.toLocaleTimeString()}`);
  const people = call.participants.map((p) => p.displayName).join(', ');
  const name = call.label ?? `Call ${call.id.slice(0, 8)}`;
  return `${name} — ${parts.join(', ')}${people ? ` · ${people}` : ''}`;
}

import type { KnownCall } from '../../graph/console';

const MEDIA_NAMES: Record<string, string> = {
  playPrompt: 'prompt playing',
  recordResponse: 'recording',
  subscribeToTone: 'tone subscription',
};

/** One line a person can pick a call by: name, state, media, participants. */
export function describeCall(call: KnownCall): string {
  const parts = [call.state];
  if (call.runningMedia) parts.push(MEDIA_NAMES[call.runningMedia] ?? call.runningMedia);
  if (call.queuedMedia > 0) parts.push(`${call.queuedMedia} queued`);
  if (!call.runningMedia && call.queuedMedia === 0 && call.state === 'established') parts.push('no media');
  const people = call.participants.map((p) => p.displayName).join(', ');
  const name = call.label ?? `Call ${call.id.slice(0, 8)}`;
  return `${name} — ${parts.join(', ')}${people ? ` · ${people}` : ''}`;
}

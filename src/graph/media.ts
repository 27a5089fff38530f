/**
 * The media the console queues in mock mode, so there is something to cancel:
 * Graph paths and bodies, and the clientContext each gets. The mock media
 * controls and the built-in scenario recorder both use this, so a recorded
 * scenario holds exactly what a user's clicks send.
 */

export type MediaAction = 'playPrompt' | 'recordResponse' | 'subscribeToTone';

export const MEDIA_ACTIONS: readonly MediaAction[] = ['playPrompt', 'recordResponse', 'subscribeToTone'];

const CONTEXT_PREFIX: Record<MediaAction, string> = {
  playPrompt: 'prompt',
  recordResponse: 'recording',
  subscribeToTone: 'tones',
};

/**
 * `prompt-1`, `prompt-2`…: numbered by how many of that action the timeline
 * already holds, never random, so a generated spec knows which lane its click makes.
 */
export function mediaClientContext(action: MediaAction, number: number): string {
  return `${CONTEXT_PREFIX[action]}-${number}`;
}

/** The queued media always goes through v1.0, as a current bot would send it. */
export function mediaPath(callId: string, action: MediaAction): string {
  return `/v1.0/communications/calls/${callId}/${action}`;
}

export function isMediaAction(action: string): action is MediaAction {
  return (MEDIA_ACTIONS as readonly string[]).includes(action);
}

export function mediaBody(action: MediaAction, clientContext: string): Record<string, unknown> {
  if (action === 'playPrompt') return playPromptBody(clientContext);
  if (action === 'recordResponse') return recordResponseBody(clientContext);
  return { clientContext };
}

export function playPromptBody(clientContext: string) {
  return {
    clientContext,
    prompts: [
      {
        '@odata.type': '#microsoft.graph.mediaPrompt',
        mediaInfo: { '@odata.type': '#microsoft.graph.mediaInfo', uri: 'https://cdn.contoso.example/prompts/please-hold.wav', resourceId: clientContext },
      },
    ],
  };
}

export function recordResponseBody(clientContext: string) {
  return {
    clientContext,
    bargeInAllowed: true,
    initialSilenceTimeoutInSeconds: 5,
    maxSilenceTimeoutInSeconds: 5,
    maxRecordDurationInSeconds: 30,
    playBeep: true,
    stopTones: ['#'],
  };
}

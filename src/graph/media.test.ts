import { describe, expect, it } from 'vitest';
import { isMediaAction, mediaBody, mediaClientContext, mediaPath } from './media';

describe('queued media', () => {
  it('numbers clientContexts per action, never at random', () => {
    expect(mediaClientContext('playPrompt', 1)).toBe('prompt-1');
    expect(mediaClientContext('recordResponse', 2)).toBe('recording-2');
    expect(mediaClientContext('subscribeToTone', 3)).toBe('tones-3');
  });

  it('sends each action to its v1.0 path with the clientContext in the body', () => {
    expect(mediaPath('c1', 'subscribeToTone')).toBe('/v1.0/communications/calls/c1/subscribeToTone');
    expect(mediaBody('subscribeToTone', 'tones-1')).toEqual({ clientContext: 'tones-1' });
    expect(mediaBody('playPrompt', 'prompt-1')).toMatchObject({ clientContext: 'prompt-1', prompts: [expect.objectContaining({ '@odata.type': '#microsoft.graph.mediaPrompt' })] });
    expect(mediaBody('recordResponse', 'recording-1')).toMatchObject({ clientContext: 'recording-1', maxRecordDurationInSeconds: 30 });
    expect(isMediaAction('cancelMediaProcessing')).toBe(false);
  });
});

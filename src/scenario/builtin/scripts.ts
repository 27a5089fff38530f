/**
 * The built-in demo scenarios: real call flows, recorded from the simulator by
 * `npm run scenario:record` into the JSON files beside this one. Each runs on
 * the idle demo call, so a fresh console can play it again as a test.
 */
import { PROMPT_MS } from '../../graph/simulator/http';
import type { ScenarioScript } from './record';

const CALL = 'Sales follow-up';

export const BUILTIN_SCRIPTS: Record<string, ScenarioScript> = {
  'ivr-queue-cancelled': {
    name: 'IVR prompt queue cancelled at once (v1.0)',
    description:
      'An IVR plays a welcome prompt and queues two more. The caller presses 0 for an agent, so the bot cancels media processing with v1.0: the playing prompt and both queued ones end as failed (400/8508), and the cancel names all three.',
    actions: [
      { at: 0, media: 'playPrompt', call: CALL },
      { at: 1_000, media: 'playPrompt', call: CALL },
      { at: 2_000, media: 'playPrompt', call: CALL },
      { at: 4_000, cancel: { call: CALL, profile: 'v1.0', clientContext: 'caller-pressed-0' } },
    ],
    until: 4_500,
    notes: {
      0: 'The bot plays the welcome prompt to the caller.',
      2: 'Two more prompts wait in the queue behind it.',
      6: 'The caller pressed 0: the bot cancels the whole prompt queue.',
      8: 'Graph ends every prompt, the playing one and the queued ones: each reports "cancelled".',
    },
  },
  'recording-cancelled-tones-kept': {
    name: 'Recording cancelled mid-way, tones kept (beta)',
    description:
      'The bot subscribes to DTMF tones, then records the caller’s message. Five seconds in, it cancels media processing through beta: the recording ends as failed with completionReason operationCanceled (beta declares it, v1.0 does not), while the tone subscription is left alone (cancelMediaProcessing never touches subscribeToTone).',
    actions: [
      { at: 0, media: 'subscribeToTone', call: CALL },
      { at: 1_000, media: 'recordResponse', call: CALL },
      { at: 6_000, cancel: { call: CALL, profile: 'beta', clientContext: 'stop-recording' } },
    ],
    until: 6_500,
    notes: {
      0: 'The bot listens for the caller’s key presses (tones).',
      2: 'It starts recording the caller’s message.',
      4: 'The bot cancels media processing: the recording stops mid-way.',
      6: 'The recording is cancelled; the tone subscription is kept, as Graph documents.',
    },
  },
  'legacy-current-prompt-only': {
    name: '2018 form: only the current prompt cancelled',
    description:
      'Two prompts, the second queued behind the first. The bot uses the 2018 beta (/app/calls, all: false) to skip only what is playing: Graph answers 202, the first prompt ends as failed, the cancel is reported as a completed commsOperation, and the queued prompt then plays to completion.',
    actions: [
      { at: 0, media: 'playPrompt', call: CALL },
      { at: 1_000, media: 'playPrompt', call: CALL },
      { at: 3_000, cancel: { call: CALL, profile: 'beta-2018', all: false, clientContext: 'skip-current' } },
    ],
    until: 3_000 + PROMPT_MS + 500,
    notes: {
      0: 'The bot plays a first prompt.',
      2: 'A second prompt waits behind it.',
      4: 'The bot cancels with the 2018 form and all set to false: only the current prompt should stop.',
      6: 'The playing prompt is cancelled…',
      8: '…and the queued prompt still plays to the end.',
    },
  },
};

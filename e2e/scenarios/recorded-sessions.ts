/**
 * Sessions a tester records in mock mode, recorded here from the same simulator (virtual time, seeded ids)
 * so their generated specs can run in the suite: `npm run test:e2e` writes them to e2e/generated/sessions/.
 */
import type { ScenarioAction, ScenarioScript } from '../../src/scenario/builtin/record';
import { PROMPT_MS } from '../../src/graph/simulator/http';

const CALL = 'Sales follow-up';

/** Two prompts and a recording, a 2018 cancel with all off, then a v1.0 cancel. */
function mixedSession(clientContexts: { legacy: string; current: string }): ScenarioScript {
  return {
    name: `Two prompts and a recording, cancelled twice${clientContexts.current ? '' : ' (no clientContext)'}`,
    description: 'The 2018 form with all off ends only the playing prompt; the queued prompt starts; v1.0 then ends it and the queued recording.',
    actions: [
      { at: 0, media: 'playPrompt', call: CALL },
      { at: 500, media: 'playPrompt', call: CALL },
      { at: 1_000, media: 'recordResponse', call: CALL },
      { at: 2_000, cancel: { call: CALL, profile: 'beta-2018', all: false, clientContext: clientContexts.legacy } },
      { at: 3_000, cancel: { call: CALL, profile: 'v1.0', clientContext: clientContexts.current } },
    ],
    until: 3_500,
  };
}

/** 60 prompts queued, then one v1.0 cancel without a clientContext: 61 operations, more than the timeline keeps in the page. */
function longSession(): ScenarioScript {
  const prompts: ScenarioAction[] = Array.from({ length: 60 }, (_, index) => ({ at: index * 100, media: 'playPrompt' as const, call: CALL }));
  return {
    name: 'Sixty prompts cancelled at once',
    description: 'A queue longer than the timeline renders at once, ended by one cancel.',
    actions: [...prompts, { at: 6_100, cancel: { call: CALL, profile: 'v1.0', clientContext: '' } }],
    until: 6_100 + Math.min(PROMPT_MS, 500),
  };
}

export const RECORDED_SESSIONS: Record<string, ScenarioScript> = {
  'mixed-cancels': mixedSession({ legacy: 'skip-current', current: 'stop-all' }),
  'mixed-cancels-no-client-context': mixedSession({ legacy: '', current: '' }),
  'sixty-prompts': longSession(),
};

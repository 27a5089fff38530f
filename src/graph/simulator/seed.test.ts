import { describe, expect, it } from 'vitest';
import { isGuid } from '../ids';
import { DEMO_USERS, SEEDED_PROMPT_MS, SEEDED_RECORDING_MS, seedState } from './seed';

const NOW = Date.UTC(2026, 10, 27, 10, 0, 0);
const CALLBACK = 'https://bot.example/api/calls';

describe('seedState', () => {
  const state = seedState({ seed: 2018, now: NOW, callbackUri: CALLBACK });

  it('has the demo users with GUID ids and mail addresses', () => {
    expect(state.users.map((u) => u.displayName)).toEqual(DEMO_USERS.map((u) => u.displayName));
    for (const user of state.users) expect(isGuid(user.id)).toBe(true);
    expect(state.users[0]?.mail).toBe('adele@contoso.example');
    expect(new Set(state.users.map((u) => u.id)).size).toBe(state.users.length);
  });

  it('has an established call with a recording running, two prompts queued and a tone subscription', () => {
    const call = state.calls[0];
    expect(call).toMatchObject({ label: 'Support line', state: 'established', callbackUri: CALLBACK, wireVersion: 'v1.0' });
    expect(isGuid(call?.id ?? '')).toBe(true);
    expect(call?.participants.map((p) => p.displayName)).toEqual(['Adele Vance', 'Megan Bowen']);
    expect(call?.participants.map((p) => p.userId)).toEqual([state.users[0]?.id, state.users[1]?.id]);

    const running = state.operations[call?.runningOperationId ?? ''];
    expect(running).toMatchObject({
      kind: 'recordResponse',
      status: 'running',
      callId: call?.id,
      startedAt: NOW,
      durationMs: SEEDED_RECORDING_MS,
      clientContext: 'voicemail-recording',
    });

    const queued = (call?.queuedOperationIds ?? []).map((id) => state.operations[id]);
    expect(queued).toHaveLength(2);
    expect(queued.map((op) => op?.kind)).toEqual(['playPrompt', 'playPrompt']);
    expect(queued.map((op) => op?.status)).toEqual(['notStarted', 'notStarted']);
    expect(queued.map((op) => op?.clientContext)).toEqual(['welcome-prompt', 'menu-prompt']);
    expect(queued.map((op) => op?.durationMs)).toEqual([SEEDED_PROMPT_MS, SEEDED_PROMPT_MS]);

    const tones = (call?.toneOperationIds ?? []).map((id) => state.operations[id]);
    expect(tones).toHaveLength(1);
    expect(tones[0]).toMatchObject({ kind: 'subscribeToTone', callId: call?.id });
  });

  it('has an established idle call and a terminated call', () => {
    const [, idle, ended] = state.calls;
    expect(idle).toMatchObject({ label: 'Sales follow-up', state: 'established', queuedOperationIds: [], toneOperationIds: [] });
    expect(idle?.runningOperationId).toBeUndefined();
    expect(idle?.participants.length).toBeGreaterThan(0);
    expect(ended).toMatchObject({ state: 'terminated' });
    expect(ended?.runningOperationId).toBeUndefined();
    expect(ended?.participants.length).toBeGreaterThan(0);
    expect(state.calls).toHaveLength(3);
  });

  it('starts at the given time with an empty outbox', () => {
    expect(state.now).toBe(NOW);
    expect(state.seed).toBe(2018);
    expect(state.outbox).toEqual([]);
  });

  it('is deterministic for a seed and differs between seeds', () => {
    expect(seedState({ seed: 2018, now: NOW, callbackUri: CALLBACK })).toEqual(state);
    const other = seedState({ seed: 7, now: NOW, callbackUri: CALLBACK });
    expect(other.calls.map((c) => c.id)).not.toEqual(state.calls.map((c) => c.id));
    expect(Object.keys(other.operations)).not.toEqual(Object.keys(state.operations));
  });

  it('gives every id a distinct GUID', () => {
    const ids = [
      ...state.users.map((u) => u.id),
      ...state.calls.map((c) => c.id),
      ...state.calls.flatMap((c) => c.participants.map((p) => p.id)),
      ...Object.keys(state.operations),
    ];
    for (const id of ids) expect(isGuid(id)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

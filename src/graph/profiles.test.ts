import { describe, expect, it } from 'vitest';
import { cancelPath, parseCallPath, PROFILE_IDS, PROFILES } from './profiles';

const CALL = '421f0700-6fd0-4a36-8c3c-1b3e7a1f0a21';
const APP = 'f0e1d2c3-b4a5-4968-8776-5a4b3c2d1e0f';

describe('PROFILES', () => {
  it('has exactly the three profiles, in picker order, with their labels', () => {
    expect(PROFILE_IDS).toEqual(['v1.0', 'beta', 'beta-2018']);
    expect(PROFILE_IDS.map((id) => PROFILES[id].label)).toEqual(['v1.0', 'beta', 'beta (2018, /app)']);
    for (const id of PROFILE_IDS) expect(PROFILES[id].id).toBe(id);
  });

  it('v1.0 cancels at /v1.0/communications/calls/{id}/cancelMediaProcessing', () => {
    expect(cancelPath(PROFILES['v1.0'], CALL)).toBe(`/v1.0/communications/calls/${CALL}/cancelMediaProcessing`);
    expect(PROFILES['v1.0'].version).toBe('v1.0');
  });

  it('beta cancels at /beta/communications/calls/{id}/cancelMediaProcessing', () => {
    expect(cancelPath(PROFILES.beta, CALL)).toBe(`/beta/communications/calls/${CALL}/cancelMediaProcessing`);
    expect(PROFILES.beta.version).toBe('beta');
  });

  it('the current profiles ignore legacy path options', () => {
    expect(cancelPath(PROFILES.beta, CALL, { legacyForm: 'applications', appId: APP })).toBe(
      `/beta/communications/calls/${CALL}/cancelMediaProcessing`,
    );
  });

  it('beta-2018 cancels at /beta/app/calls/{id}/... by default and /beta/applications/{appId}/calls/{id}/... on request', () => {
    const legacy = PROFILES['beta-2018'];
    expect(legacy.version).toBe('beta');
    expect(cancelPath(legacy, CALL)).toBe(`/beta/app/calls/${CALL}/cancelMediaProcessing`);
    expect(cancelPath(legacy, CALL, { legacyForm: 'app' })).toBe(`/beta/app/calls/${CALL}/cancelMediaProcessing`);
    expect(cancelPath(legacy, CALL, { legacyForm: 'applications', appId: APP })).toBe(
      `/beta/applications/${APP}/calls/${CALL}/cancelMediaProcessing`,
    );
  });

  it('sends all only in the 2018 profile', () => {
    const input = { callId: CALL, all: false, clientContext: 'ctx' };
    expect(PROFILES['v1.0'].cancelBody(input)).toEqual({ clientContext: 'ctx' });
    expect(PROFILES.beta.cancelBody(input)).toEqual({ clientContext: 'ctx' });
    expect(PROFILES['beta-2018'].cancelBody(input)).toEqual({ all: false, clientContext: 'ctx' });
    expect(PROFILES['beta-2018'].cancelBody({ ...input, all: true })).toEqual({ all: true, clientContext: 'ctx' });
    expect(PROFILES['v1.0'].supportsAll).toBe(false);
    expect(PROFILES.beta.supportsAll).toBe(false);
    expect(PROFILES['beta-2018'].supportsAll).toBe(true);
  });

  it('expects 200 with a body from v1.0 and beta, 202 without one from the 2018 beta', () => {
    expect(PROFILES['v1.0'].expectedStatus).toBe(200);
    expect(PROFILES.beta.expectedStatus).toBe(200);
    expect(PROFILES['beta-2018'].expectedStatus).toBe(202);
    expect(PROFILES['v1.0'].answersWithBody).toBe(true);
    expect(PROFILES.beta.answersWithBody).toBe(true);
    expect(PROFILES['beta-2018'].answersWithBody).toBe(false);
  });
});

describe('parseCallPath', () => {
  it('reads a v1.0 cancel path', () => {
    expect(parseCallPath(`/v1.0/communications/calls/${CALL}/cancelMediaProcessing`)).toEqual({
      version: 'v1.0',
      profile: 'v1.0',
      callId: CALL,
      rest: ['cancelMediaProcessing'],
    });
  });

  it('reads a beta cancel path', () => {
    expect(parseCallPath(`/beta/communications/calls/${CALL}/cancelMediaProcessing`)).toEqual({
      version: 'beta',
      profile: 'beta',
      callId: CALL,
      rest: ['cancelMediaProcessing'],
    });
  });

  it('reads the 2018 /app path', () => {
    expect(parseCallPath(`/beta/app/calls/${CALL}/cancelMediaProcessing`)).toEqual({
      version: 'beta',
      profile: 'beta-2018',
      legacyForm: 'app',
      callId: CALL,
      rest: ['cancelMediaProcessing'],
    });
  });

  it('reads the 2018 /applications/{appId} path', () => {
    expect(parseCallPath(`/beta/applications/${APP}/calls/${CALL}/cancelMediaProcessing`)).toEqual({
      version: 'beta',
      profile: 'beta-2018',
      legacyForm: 'applications',
      appId: APP,
      callId: CALL,
      rest: ['cancelMediaProcessing'],
    });
  });

  it('reads the call itself and its operations', () => {
    expect(parseCallPath(`/v1.0/communications/calls/${CALL}`)?.rest).toEqual([]);
    expect(parseCallPath(`/v1.0/communications/calls/${CALL}/`)?.rest).toEqual([]);
    expect(parseCallPath(`/beta/app/calls/${CALL}/operations/op-1`)?.rest).toEqual(['operations', 'op-1']);
  });

  it('round-trips every profile path', () => {
    for (const id of PROFILE_IDS) {
      const parsed = parseCallPath(cancelPath(PROFILES[id], CALL));
      expect(parsed?.profile).toBe(id);
      expect(parsed?.callId).toBe(CALL);
      expect(parsed?.version).toBe(PROFILES[id].version);
    }
  });

  it('does not take /v1.0/app/calls or /v1.0/applications/... as a call path (they never existed in v1.0)', () => {
    expect(parseCallPath(`/v1.0/app/calls/${CALL}/cancelMediaProcessing`)).toBeNull();
    expect(parseCallPath(`/v1.0/applications/${APP}/calls/${CALL}/cancelMediaProcessing`)).toBeNull();
  });

  it.each([
    '/v1.0/users/abc',
    '/v2.0/communications/calls/abc/cancelMediaProcessing',
    '/v1.0/communications/calls',
    '/v1.0/communications/calls/',
    'v1.0/communications/calls/abc',
    '/beta/app/calls',
    '/beta/communications/onlineMeetings/abc',
  ])('rejects %s', (path) => {
    expect(parseCallPath(path)).toBeNull();
  });
});

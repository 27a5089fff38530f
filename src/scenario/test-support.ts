/** Scenarios and timelines for the scenario module's tests. */
import type { TimelineEvent } from '../graph/timeline';
import { BUILTIN_SCENARIOS } from './builtin';
import type { Scenario } from './schema';

export function builtin(key: string): Scenario {
  const found = BUILTIN_SCENARIOS.find((candidate) => candidate.key === key);
  if (!found) throw new Error(`no built-in scenario ${key}`);
  return structuredClone(found.scenario);
}

/** The element at `index`, or a test failure saying it is missing. */
export function at<T>(items: readonly T[], index: number): T {
  const item = items[index];
  if (item === undefined) throw new Error(`no item at ${index} (of ${items.length})`);
  return item;
}

/** A small valid scenario, as plain JSON, to break one field at a time. */
export function minimalScenarioJson(): Record<string, unknown> {
  return {
    format: 'comms-console-scenario',
    version: 1,
    name: 'Minimal',
    description: '',
    recordedAt: '2026-01-15T09:00:00.000Z',
    mode: 'mock',
    calls: [{ id: 'c0ffee00-0000-4000-8000-000000000001', label: 'Support line', state: 'established', participants: [] }],
    steps: [
      { t: 0, kind: 'request', id: 'r1', callId: 'c0ffee00-0000-4000-8000-000000000001', profile: 'v1.0', method: 'POST', path: '/v1.0/communications/calls/c0ffee00-0000-4000-8000-000000000001/cancelMediaProcessing', body: { clientContext: 'x' } },
      { t: 5, kind: 'response', requestId: 'r1', status: 200, headers: {}, body: null },
      { t: 9, kind: 'notification', seq: 1, source: 'simulator', verified: false, body: { value: [] } },
      { t: 12, kind: 'response', requestId: 'r1', status: 200, headers: {}, body: null },
    ],
  };
}

/** A live-looking timeline with secrets in every place one can hide. */
export function eventsWithSecrets(): TimelineEvent[] {
  const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJib3QifQ.c2lnbmF0dXJl';
  return [
    {
      kind: 'request',
      id: 'r1',
      at: '2026-01-15T09:00:00.000Z',
      callId: 'c0ffee00-0000-4000-8000-000000000001',
      profile: 'v1.0',
      method: 'POST',
      path: '/v1.0/communications/calls/c0ffee00-0000-4000-8000-000000000001/recordResponse',
      body: { clientContext: 'ctx', nested: { deeper: [{ recordingAccessToken: 'sas-123' }, { client_secret: 's3cr3t' }] } },
    },
    {
      kind: 'response',
      requestId: 'r1',
      at: '2026-01-15T09:00:00.250Z',
      status: 200,
      headers: { Authorization: `Bearer ${jwt}`, 'x-api-key': 'k-123', location: 'https://graph.microsoft.com/v1.0/x?sig=abcdef&sv=2020' },
      body: { id: 'op', status: 'running', note: `token was Bearer ${jwt}`, password: 'hunter2' },
    },
    {
      kind: 'notification',
      seq: 7,
      receivedAt: '2026-01-15T09:00:01.000Z',
      verified: true,
      source: 'graph',
      body: { value: [{ changeType: 'updated', resource: '/x', resourceData: { recordingLocation: 'https://x/rec?token=abc123', raw: jwt } }], validationTokens: [jwt] },
    },
  ];
}

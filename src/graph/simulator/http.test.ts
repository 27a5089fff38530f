import { describe, expect, it } from 'vitest';
import { isGuid } from '../ids';
import { cancelPath, PROFILES } from '../profiles';
import { graphErrorSchema, operationSchema } from '../schemas';
import { DEFAULT_RECORD_SECONDS, handleGraphRequest, MAX_GRAPH_BODY_BYTES, PROMPT_MS, type GraphHttpOptions, type GraphHttpResponse } from './http';
import { CallSimulator } from './simulator';

const NOW = Date.UTC(2026, 10, 27, 10, 0, 0, 123);
const GRAPH = 'https://graph.microsoft.com';
const APP = 'f0e1d2c3-b4a5-4968-8776-5a4b3c2d1e0f';
const UNKNOWN = '00000000-0000-4000-8000-000000000000';

function demo() {
  const sim = CallSimulator.create({ now: NOW });
  const [support, idle, ended] = sim.knownCalls();
  if (!support || !idle || !ended) throw new Error('seed lacks a demo call');
  const state = sim.snapshot().calls[0];
  return {
    sim,
    support: support.id,
    idle: idle.id,
    ended: ended.id,
    recordingId: state?.runningOperationId ?? '',
    queuedIds: state?.queuedOperationIds ?? [],
    send(method: string, path: string, body?: unknown, headers: Record<string, string> = {}, options?: GraphHttpOptions): GraphHttpResponse {
      const text = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
      return handleGraphRequest(sim, { method, path, headers, body: text }, options);
    },
  };
}

function expectGraphError(response: GraphHttpResponse, status: number, code: string): string {
  expect(response.status).toBe(status);
  const parsed = graphErrorSchema.safeParse(response.body);
  expect(parsed.success).toBe(true);
  const error = parsed.data?.error;
  expect(error?.code).toBe(code);
  expect(error?.innerError?.['request-id']).toBe(response.headers['request-id']);
  expect(error?.innerError?.['client-request-id']).toBe(response.headers['client-request-id']);
  expect(error?.innerError?.date).toBe('2026-11-27T10:00:00');
  expect(response.headers['content-type']).toBe('application/json');
  expect(response.headers.location).toBeUndefined();
  return error?.message ?? '';
}

function failedIds(sim: CallSimulator): string[] {
  return sim
    .takeNotifications()
    .flatMap((n) => n.body.value)
    .map((item) => item.resourceData as { id?: string; status?: string })
    .filter((data) => data.status === 'failed')
    .map((data) => data.id ?? '');
}

describe('handleGraphRequest: cancelMediaProcessing, v1.0 and beta', () => {
  it.each(['v1.0', 'beta'] as const)('%s answers 200 with Location and a completed cancelMediaProcessingOperation', (profile) => {
    const { sim, support, recordingId, queuedIds, send } = demo();
    const path = cancelPath(PROFILES[profile], support);
    const response = send('POST', path, { clientContext: 'my-context' }, { 'client-request-id': 'client-abc' });
    expect(response.status).toBe(200);
    const body = operationSchema.parse(response.body);
    expect(body).toMatchObject({
      '@odata.type': '#microsoft.graph.cancelMediaProcessingOperation',
      status: 'completed',
      clientContext: 'my-context',
    });
    expect(isGuid(body.id ?? '')).toBe(true);
    expect(response.headers.location).toBe(`${GRAPH}/${profile}/communications/calls/${support}/operations/${body.id}`);
    expect(response.headers['content-type']).toBe('application/json');
    expect(response.headers['client-request-id']).toBe('client-abc');
    expect(isGuid(response.headers['request-id'] ?? '')).toBe(true);
    expect(sim.getOperation(body.id ?? '')?.kind).toBe('cancelMediaProcessing');
    expect(failedIds(sim)).toEqual([recordingId, ...queuedIds]);
  });

  it('an empty body is a cancel with no clientContext', () => {
    const { sim, support, send } = demo();
    const response = send('POST', cancelPath(PROFILES['v1.0'], support));
    expect(response.status).toBe(200);
    expect(failedIds(sim)).toHaveLength(3);
  });

  it('uses the given Graph root in Location', () => {
    const { support, send } = demo();
    const response = send('POST', cancelPath(PROFILES.beta, support), {}, {}, { baseUrl: 'http://127.0.0.1:9999/graph' });
    expect(response.headers.location).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:9999/graph/beta/communications/calls/${support}/operations/`));
  });

  it('answers a cancel on an idle call with 200 too', () => {
    const { sim, idle, send } = demo();
    expect(send('POST', cancelPath(PROFILES['v1.0'], idle), { clientContext: 'x' }).status).toBe(200);
    expect(sim.takeNotifications()).toEqual([]);
  });
});

describe('handleGraphRequest: cancelMediaProcessing, the 2018 beta', () => {
  it('answers 202 with Location and no body at /beta/app/calls', () => {
    const { sim, support, recordingId, queuedIds, send } = demo();
    const response = send('POST', cancelPath(PROFILES['beta-2018'], support), { all: true, clientContext: 'legacy' });
    expect(response.status).toBe(202);
    expect(response.body).toBeUndefined();
    expect(response.headers['content-type']).toBeUndefined();
    const location = response.headers.location ?? '';
    const match = new RegExp(`^${GRAPH}/beta/app/calls/${support}/operations/([^/]+)$`).exec(location);
    expect(match).not.toBeNull();
    const cancelId = match?.[1] ?? '';
    expect(sim.getOperation(cancelId)).toMatchObject({ kind: 'cancelMediaProcessing', clientContext: 'legacy', status: 'completed' });

    const items = sim.takeNotifications().flatMap((n) => n.body.value);
    expect(items.map((i) => i.resource)).toEqual([
      `/app/calls/${support}/operations/${recordingId}`,
      ...queuedIds.map((id) => `/app/calls/${support}/operations/${id}`),
      `/app/calls/${support}/operations/${cancelId}`,
    ]);
    expect(items.at(-1)?.resourceData).toMatchObject({ '@odata.type': '#microsoft.graph.commsOperation', id: cancelId, clientContext: 'legacy', status: 'completed' });
  });

  it('answers 202 at /beta/applications/{appId}/calls with Location under the same path', () => {
    const { support, send } = demo();
    const path = cancelPath(PROFILES['beta-2018'], support, { legacyForm: 'applications', appId: APP });
    const response = send('POST', path, { all: true, clientContext: '' });
    expect(response.status).toBe(202);
    expect(response.headers.location).toMatch(new RegExp(`^${GRAPH}/beta/applications/${APP}/calls/${support}/operations/[0-9a-f-]{36}$`));
  });

  it('all:false cancels only the running operation; the queued prompts complete later', () => {
    const { sim, support, recordingId, queuedIds, send } = demo();
    const response = send('POST', `/beta/app/calls/${support}/cancelMediaProcessing`, { all: false, clientContext: 'one' });
    expect(response.status).toBe(202);
    expect(failedIds(sim)).toEqual([recordingId]);
    sim.advanceBy(60_000);
    const completed = sim
      .takeNotifications()
      .flatMap((n) => n.body.value)
      .map((i) => i.resourceData as { id: string; status: string });
    expect(completed).toEqual(queuedIds.map((id) => expect.objectContaining({ id, status: 'completed' })));
  });
});

describe('handleGraphRequest: errors', () => {
  it('404 for an unknown call', () => {
    const { sim, send } = demo();
    for (const profile of ['v1.0', 'beta', 'beta-2018'] as const) {
      const message = expectGraphError(send('POST', cancelPath(PROFILES[profile], UNKNOWN), { clientContext: '' }), 404, 'itemNotFound');
      expect(message).toContain(UNKNOWN);
    }
    expect(sim.takeNotifications()).toEqual([]);
  });

  it('400 for a terminated call', () => {
    const { sim, ended, send } = demo();
    for (const profile of ['v1.0', 'beta', 'beta-2018'] as const) {
      const message = expectGraphError(send('POST', cancelPath(PROFILES[profile], ended), {}), 400, 'BadRequest');
      expect(message).toContain('terminated');
    }
    expect(sim.takeNotifications()).toEqual([]);
  });

  it('400 for clientContext over 256 characters; 256 is fine', () => {
    const { sim, support, idle, send } = demo();
    for (const profile of ['v1.0', 'beta', 'beta-2018'] as const) {
      const message = expectGraphError(send('POST', cancelPath(PROFILES[profile], support), { clientContext: 'x'.repeat(257) }), 400, 'BadRequest');
      expect(message).toContain('clientContext');
      expect(message).toContain('256');
    }
    expect(sim.takeNotifications()).toEqual([]);
    expect(sim.knownCalls()[0]?.queuedMedia).toBe(2);
    expect(send('POST', cancelPath(PROFILES['v1.0'], idle), { clientContext: 'x'.repeat(256) }).status).toBe(200);
  });

  it.each(['{"clientContext": ', 'not json', '{clientContext: "x"}'])('400 for malformed JSON %j', (text) => {
    const { sim, support, send } = demo();
    const message = expectGraphError(send('POST', cancelPath(PROFILES['v1.0'], support), text), 400, 'BadRequest');
    expect(message).toMatch(/JSON/);
    expect(sim.takeNotifications()).toEqual([]);
  });

  it.each(['v1.0', 'beta'] as const)('400 naming the unknown parameter when all is sent to %s', (profile) => {
    const { sim, support, send } = demo();
    const message = expectGraphError(send('POST', cancelPath(PROFILES[profile], support), { all: true, clientContext: 'x' }), 400, 'BadRequest');
    expect(message).toBe("The parameter 'all' in the request payload is not a valid parameter for the operation 'cancelMediaProcessing'.");
    expect(sim.takeNotifications()).toEqual([]);
  });

  it('400 for a wrongly typed parameter', () => {
    const { send, support } = demo();
    expect(expectGraphError(send('POST', `/beta/app/calls/${support}/cancelMediaProcessing`, { all: 'yes' }), 400, 'BadRequest')).toContain("'all'");
    expect(expectGraphError(send('POST', cancelPath(PROFILES['v1.0'], support), { clientContext: 5 }), 400, 'BadRequest')).toContain(
      "'clientContext'",
    );
    expect(expectGraphError(send('POST', cancelPath(PROFILES['v1.0'], support), '[]'), 400, 'BadRequest')).toMatch(/body|wrong type/);
  });

  it('/v1.0/app/calls is not a Graph path', () => {
    const { support, send } = demo();
    expectGraphError(send('POST', `/v1.0/app/calls/${support}/cancelMediaProcessing`, {}), 400, 'BadRequest');
  });

  it('405 for the wrong method on an action', () => {
    const { support, send } = demo();
    expectGraphError(send('GET', cancelPath(PROFILES['v1.0'], support)), 405, 'BadRequest');
    expectGraphError(send('DELETE', `/v1.0/communications/calls/${support}`), 405, 'BadRequest');
  });

  it('400 for an unknown action or segment', () => {
    const { support, send } = demo();
    expectGraphError(send('POST', `/v1.0/communications/calls/${support}/explode`, {}), 400, 'BadRequest');
    expectGraphError(send('POST', `/v1.0/communications/calls/${support}/cancelMediaProcessing/more`, {}), 400, 'BadRequest');
    expectGraphError(send('GET', `/v1.0/communications/calls/${support}/participants/p1`), 400, 'BadRequest');
  });
});

describe('handleGraphRequest: request ids', () => {
  it('echoes client-request-id on success and error', () => {
    const { support, send } = demo();
    const ok = send('POST', cancelPath(PROFILES['beta-2018'], support), { all: true }, { 'client-request-id': 'mine-1' });
    expect(ok.headers['client-request-id']).toBe('mine-1');
    const bad = send('POST', cancelPath(PROFILES['v1.0'], UNKNOWN), {}, { 'client-request-id': 'mine-2' });
    expect(bad.headers['client-request-id']).toBe('mine-2');
    expect((bad.body as { error: { innerError: Record<string, string> } }).error.innerError['client-request-id']).toBe('mine-2');
  });

  it('without client-request-id, uses the request-id; each request gets a new request-id', () => {
    const { support, send } = demo();
    const first = send('GET', `/v1.0/communications/calls/${support}`);
    const second = send('GET', `/v1.0/communications/calls/${support}`);
    expect(first.headers['client-request-id']).toBe(first.headers['request-id']);
    expect(first.headers['request-id']).not.toBe(second.headers['request-id']);
  });

  it('is deterministic: the same requests on the same seed get the same answers', () => {
    const run = () => {
      const { support, idle, send } = demo();
      return [
        send('POST', `/v1.0/communications/calls/${idle}/playPrompt`, { clientContext: 'p', prompts: [{}] }),
        send('POST', cancelPath(PROFILES.beta, support), { clientContext: 'c' }),
        send('POST', cancelPath(PROFILES['v1.0'], UNKNOWN), {}),
      ];
    };
    expect(run()).toEqual(run());
  });
});

describe('handleGraphRequest: playPrompt, recordResponse, subscribeToTone', () => {
  it('playPrompt on an idle call runs at once, for PROMPT_MS per prompt', () => {
    const { sim, idle, send } = demo();
    const response = send('POST', `/v1.0/communications/calls/${idle}/playPrompt`, { clientContext: 'hello', prompts: [{}, {}] });
    expect(response.status).toBe(200);
    const body = operationSchema.parse(response.body);
    expect(body).toMatchObject({ '@odata.type': '#microsoft.graph.playPromptOperation', status: 'running', clientContext: 'hello' });
    expect(response.headers.location).toBe(`${GRAPH}/v1.0/communications/calls/${idle}/operations/${body.id}`);
    sim.advanceBy(2 * PROMPT_MS - 1);
    expect(sim.getOperation(body.id ?? '')?.status).toBe('running');
    sim.advanceBy(1);
    expect(sim.getOperation(body.id ?? '')?.status).toBe('completed');
  });

  it('playPrompt with an empty prompts list still plays for PROMPT_MS', () => {
    const { sim, idle, send } = demo();
    const id = operationSchema.parse(send('POST', `/v1.0/communications/calls/${idle}/playPrompt`, { prompts: [] }).body).id ?? '';
    sim.advanceBy(PROMPT_MS - 1);
    expect(sim.getOperation(id)?.status).toBe('running');
    sim.advanceBy(1);
    expect(sim.getOperation(id)?.status).toBe('completed');
  });

  it('playPrompt on a busy call is queued (notStarted)', () => {
    const { sim, support, send } = demo();
    const response = send('POST', `/beta/communications/calls/${support}/playPrompt`, { clientContext: 'later', prompts: [] });
    expect(operationSchema.parse(response.body).status).toBe('notStarted');
    expect(sim.knownCalls()[0]?.queuedMedia).toBe(3);
  });

  it('recordResponse honours maxRecordDurationInSeconds and defaults to 30 s', () => {
    const { sim, idle, send } = demo();
    const short = operationSchema.parse(
      send('POST', `/v1.0/communications/calls/${idle}/recordResponse`, { clientContext: 'r', maxRecordDurationInSeconds: 5 }).body,
    );
    expect(short).toMatchObject({ '@odata.type': '#microsoft.graph.recordOperation', status: 'running' });
    const long = operationSchema.parse(send('POST', `/v1.0/communications/calls/${idle}/recordResponse`, {}).body);
    expect(long.status).toBe('notStarted');
    sim.advanceBy(5_000);
    expect(sim.getOperation(short.id ?? '')?.status).toBe('completed');
    expect(sim.getOperation(long.id ?? '')?.status).toBe('running');
    sim.advanceBy(DEFAULT_RECORD_SECONDS * 1000 - 1);
    expect(sim.getOperation(long.id ?? '')?.status).toBe('running');
    sim.advanceBy(1);
    expect(sim.getOperation(long.id ?? '')?.status).toBe('completed');
  });

  it.each([0, 601, 1.5, '10'])('recordResponse rejects maxRecordDurationInSeconds %j', (value) => {
    const { idle, send } = demo();
    const message = expectGraphError(
      send('POST', `/v1.0/communications/calls/${idle}/recordResponse`, { maxRecordDurationInSeconds: value }),
      400,
      'BadRequest',
    );
    expect(message).toContain('maxRecordDurationInSeconds');
  });

  it('media actions check clientContext, JSON, the call and its state', () => {
    const { sim, idle, ended, send } = demo();
    expect(expectGraphError(send('POST', `/v1.0/communications/calls/${idle}/playPrompt`, { clientContext: 'x'.repeat(257), prompts: [] }), 400, 'BadRequest')).toContain(
      'clientContext',
    );
    expect(expectGraphError(send('POST', `/v1.0/communications/calls/${idle}/playPrompt`, { clientContext: 1, prompts: [] }), 400, 'BadRequest')).toContain(
      "'clientContext'",
    );
    expectGraphError(send('POST', `/v1.0/communications/calls/${idle}/playPrompt`, '{'), 400, 'BadRequest');
    expectGraphError(send('POST', `/v1.0/communications/calls/${idle}/playPrompt`, '"text"'), 400, 'BadRequest');
    expect(expectGraphError(send('POST', `/v1.0/communications/calls/${ended}/recordResponse`, {}), 400, 'BadRequest')).toContain('terminated');
    expectGraphError(send('POST', `/v1.0/communications/calls/${UNKNOWN}/playPrompt`, { prompts: [] }), 404, 'itemNotFound');
    expect(sim.knownCalls()[1]?.runningMedia).toBeUndefined();
  });

  it('subscribeToTone answers completed and leaves the queue alone', () => {
    const { sim, support, send } = demo();
    const response = send('POST', `/v1.0/communications/calls/${support}/subscribeToTone`, { clientContext: 'tones' });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ '@odata.type': '#microsoft.graph.subscribeToToneOperation', status: 'completed' });
    expect(sim.knownCalls()[0]).toMatchObject({ runningMedia: 'recordResponse', queuedMedia: 2 });
  });

  it('media queued through the 2018 path reports in the 2018 shape', () => {
    const { sim, idle, send } = demo();
    const response = send('POST', `/beta/app/calls/${idle}/playPrompt`, { prompts: [] });
    const id = operationSchema.parse(response.body).id ?? '';
    expect(response.headers.location).toBe(`${GRAPH}/beta/app/calls/${idle}/operations/${id}`);
    sim.advanceBy(PROMPT_MS);
    expect(sim.takeNotifications()[0]?.body.value[0]?.resource).toBe(`/app/calls/${idle}/operations/${id}`);
  });
});

describe('handleGraphRequest: reading calls and operations', () => {
  it('GET a call', () => {
    const { support, ended, send } = demo();
    expect(send('GET', `/v1.0/communications/calls/${support}`)).toMatchObject({
      status: 200,
      body: { '@odata.type': '#microsoft.graph.call', id: support, state: 'established', mediaState: { audio: 'active' } },
    });
    expect(send('GET', `/beta/communications/calls/${ended}`).body).toMatchObject({ state: 'terminated', mediaState: { audio: 'inactive' } });
    expectGraphError(send('GET', `/v1.0/communications/calls/${UNKNOWN}`), 404, 'itemNotFound');
  });

  it('GET participants', () => {
    const { sim, support, send } = demo();
    const response = send('GET', `/v1.0/communications/calls/${support}/participants`);
    expect(response.status).toBe(200);
    const people = sim.knownCalls()[0]?.participants ?? [];
    expect(response.body).toEqual({
      value: people.map((p) =>
        expect.objectContaining({ id: p.id, info: { identity: { user: { id: p.userId, displayName: p.displayName } } } }),
      ),
    });
  });

  it('GET an operation, as it is now', () => {
    const { sim, support, recordingId, send } = demo();
    expect(send('GET', `/v1.0/communications/calls/${support}/operations/${recordingId}`).body).toMatchObject({
      id: recordingId,
      status: 'running',
    });
    sim.advanceBy(10 * 60_000);
    expect(send('GET', `/beta/communications/calls/${support}/operations/${recordingId}`).body).toMatchObject({
      id: recordingId,
      status: 'completed',
      resultInfo: { code: 200, subcode: 0 },
    });
    const legacy = send('GET', `/beta/app/calls/${support}/operations/${recordingId}`).body;
    expect(legacy).toMatchObject({ id: recordingId, status: 'completed', lastActionDateTime: expect.any(String) });
    expect(legacy).not.toHaveProperty('errorInfo');
  });

  it('404 for an operation that is not on that call', () => {
    const { support, idle, recordingId, send } = demo();
    expectGraphError(send('GET', `/v1.0/communications/calls/${idle}/operations/${recordingId}`), 404, 'itemNotFound');
    expectGraphError(send('GET', `/v1.0/communications/calls/${support}/operations/${UNKNOWN}`), 404, 'itemNotFound');
  });
});

describe('handleGraphRequest: users and photos', () => {
  it('GET a user', () => {
    const { sim, send } = demo();
    const userId = sim.knownCalls()[0]?.participants[0]?.userId ?? '';
    for (const version of ['v1.0', 'beta']) {
      expect(send('GET', `/${version}/users/${userId}`)).toMatchObject({
        status: 200,
        body: {
          '@odata.type': '#microsoft.graph.user',
          id: userId,
          displayName: 'Adele Vance',
          mail: 'adele@contoso.example',
          userPrincipalName: 'adele@contoso.example',
          jobTitle: 'Retail Manager',
        },
      });
    }
  });

  it('404 for an unknown user and for a photo', () => {
    const { sim, send } = demo();
    const userId = sim.knownCalls()[0]?.participants[0]?.userId ?? '';
    expectGraphError(send('GET', `/v1.0/users/${UNKNOWN}`), 404, 'Request_ResourceNotFound');
    expectGraphError(send('GET', `/v1.0/users/${userId}/photo/$value`), 404, 'ImageNotFound');
    expectGraphError(send('GET', `/v1.0/users/${UNKNOWN}/photo/$value`), 404, 'Request_ResourceNotFound');
  });
});

describe('handleGraphRequest: $batch (how mgt looks up people and photos)', () => {
  it('answers each inner request as a direct one, keeping ids', () => {
    const { sim, send } = demo();
    const userId = sim.knownCalls()[0]?.participants[0]?.userId ?? '';
    const response = send('POST', '/v1.0/$batch', {
      requests: [
        { id: '1', method: 'GET', url: `/users/${userId}` },
        { id: '2', method: 'get', url: `users/${userId}/photo/$value` },
        { id: '3', method: 'GET', url: `/users/${UNKNOWN}?$select=displayName` },
      ],
    });
    expect(response.status).toBe(200);
    const { responses } = response.body as { responses: { id: string; status: number; body?: unknown }[] };
    expect(responses.map((r) => [r.id, r.status])).toEqual([
      ['1', 200],
      ['2', 404],
      ['3', 404],
    ]);
    expect(responses[0]?.body).toMatchObject({ id: userId, displayName: 'Adele Vance' });
    expect((responses[1]?.body as { error: { code: string } }).error.code).toBe('ImageNotFound');
  });

  it('passes inner bodies and headers through, so a batched cancel acts on the call', () => {
    const { sim, support, send } = demo();
    const response = send('POST', '/beta/$batch', {
      requests: [
        { id: 'c', method: 'POST', url: `/communications/calls/${support}/cancelMediaProcessing`, headers: { 'Client-Request-Id': 'inner-1' }, body: { clientContext: 'batched' } },
      ],
    });
    const [inner] = (response.body as { responses: { status: number; headers: Record<string, string>; body: unknown }[] }).responses;
    expect(inner?.status).toBe(200);
    expect(inner?.headers['client-request-id']).toBe('inner-1');
    expect(inner?.body).toMatchObject({ '@odata.type': '#microsoft.graph.cancelMediaProcessingOperation', clientContext: 'batched' });
    expect(failedIds(sim)).toHaveLength(3);
  });

  it.each([
    ['malformed JSON', '{'],
    ['no requests', { requests: [] }],
    ['more than 20 requests', { requests: Array.from({ length: 21 }, (_, i) => ({ id: String(i), method: 'GET', url: '/users/x' })) }],
    ['a request without url', { requests: [{ id: '1', method: 'GET' }] }],
  ])('400 for %s', (_label, body) => {
    const { send } = demo();
    expectGraphError(send('POST', '/v1.0/$batch', body), 400, 'BadRequest');
  });
});

describe('handleGraphRequest: Graph’s wire format per version', () => {
  const VERSIONS = ['v1.0', 'beta', 'beta-2018'] as const;
  const callRoot = (profile: (typeof VERSIONS)[number], callId: string) => cancelPath(PROFILES[profile], callId).replace(/\/cancelMediaProcessing$/, '');
  const cancelBody = (profile: (typeof VERSIONS)[number]) => (profile === 'beta-2018' ? { all: true, clientContext: 'c' } : { clientContext: 'c' });
  const prompts = [{ '@odata.type': '#microsoft.graph.mediaPrompt', mediaInfo: { uri: 'https://cdn.contoso.example/a.wav' } }];

  it.each(VERSIONS)('%s: every notification body is typed #microsoft.graph.commsNotifications', (profile) => {
    const { sim, support, send } = demo();
    send('POST', cancelPath(PROFILES[profile], support), cancelBody(profile));
    const bodies = sim.takeNotifications().map((n) => n.body);
    expect(bodies.length).toBeGreaterThanOrEqual(3);
    for (const body of bodies) expect(body['@odata.type']).toBe('#microsoft.graph.commsNotifications');
  });

  it('2018: the cancel’s own notification carries @odata.id, @odata.etag and the operation id', () => {
    const { sim, support, send } = demo();
    const response = send('POST', cancelPath(PROFILES['beta-2018'], support), { all: true, clientContext: 'c' });
    const cancelId = response.headers.location?.split('/').pop() ?? '';
    const report = sim.takeNotifications().at(-1)?.body.value[0];
    expect(report?.resourceData).toMatchObject({
      '@odata.type': '#microsoft.graph.commsOperation',
      '@odata.id': `/app/calls/${support}/operations/${cancelId}`,
      '@odata.etag': expect.stringMatching(/^W\/"\d+"$/),
      id: cancelId,
    });
  });

  it.each([
    ['v1.0', false],
    ['beta', true],
    ['beta-2018', true],
  ] as const)('%s: a cancelled recordOperation carries completionReason: %s', (profile, carries) => {
    const { sim, support, recordingId, send } = demo();
    send('POST', cancelPath(PROFILES[profile], support), cancelBody(profile));
    const recording = sim.takeNotifications().find((n) => (n.body.value[0]?.resourceData as { id?: string }).id === recordingId);
    const data = recording?.body.value[0]?.resourceData as Record<string, unknown>;
    expect(data['@odata.type']).toBe('#microsoft.graph.recordOperation');
    if (carries) expect(data.completionReason).toBe('operationCanceled');
    else expect(data).not.toHaveProperty('completionReason');
  });

  it('2018: operations report errorInfo with string codes, createdDateTime and lastActionDateTime, never resultInfo', () => {
    const { sim, support, recordingId, send } = demo();
    sim.advanceBy(1_000);
    send('POST', cancelPath(PROFILES['beta-2018'], support), { all: true, clientContext: 'c' });
    const recording = sim.takeNotifications()[0]?.body.value[0]?.resourceData as Record<string, unknown>;
    expect(recording).toMatchObject({
      id: recordingId,
      status: 'failed',
      errorInfo: { code: '400', subCode: '8508', message: 'Action failed, the operation was cancelled.' },
      createdDateTime: '2026-11-27T10:00:00.123Z',
      lastActionDateTime: '2026-11-27T10:00:01.123Z',
    });
    expect(recording).not.toHaveProperty('resultInfo');
    const read = send('GET', `/beta/app/calls/${support}/operations/${recordingId}`).body as Record<string, unknown>;
    expect(read).toMatchObject({ errorInfo: { code: '400', subCode: '8508' }, createdDateTime: expect.any(String), lastActionDateTime: expect.any(String) });
    expect(read).not.toHaveProperty('resultInfo');
  });

  it('2018: a playPromptOperation carries its prompts, in the answer and in the notification', () => {
    const { sim, idle, send } = demo();
    const response = send('POST', `/beta/app/calls/${idle}/playPrompt`, { clientContext: 'p', prompts });
    expect(response.body).toMatchObject({ '@odata.type': '#microsoft.graph.playPromptOperation', prompts });
    sim.advanceBy(PROMPT_MS);
    expect(sim.takeNotifications()[0]?.body.value[0]?.resourceData).toMatchObject({ status: 'completed', prompts });
  });

  it('2018: the recording action is record; recordResponse is refused as an unknown segment', () => {
    const { idle, send } = demo();
    const recorded = send('POST', `/beta/app/calls/${idle}/record`, { clientContext: 'r', streamWhileRecording: false });
    expect(recorded.status).toBe(200);
    expect(recorded.body).toMatchObject({ '@odata.type': '#microsoft.graph.recordOperation', status: 'running', clientContext: 'r' });
    expect(expectGraphError(send('POST', `/beta/app/calls/${idle}/recordResponse`, {}), 400, 'BadRequest')).toBe("Resource not found for the segment 'recordResponse'.");
    for (const profile of ['v1.0', 'beta'] as const) {
      expect(expectGraphError(send('POST', `/${profile}/communications/calls/${idle}/record`, {}), 400, 'BadRequest')).toBe("Resource not found for the segment 'record'.");
    }
  });

  it.each(VERSIONS)('%s: playPrompt without prompts is refused, naming the parameter', (profile) => {
    const { sim, idle, send } = demo();
    const message = expectGraphError(send('POST', `${callRoot(profile, idle)}/playPrompt`, { clientContext: 'no prompts' }), 400, 'BadRequest');
    expect(message).toBe("The parameter 'prompts' is required by the operation 'playPrompt' and cannot be null.");
    expect(sim.knownCalls()[1]?.runningMedia).toBeUndefined();
  });

  it.each(
    VERSIONS.flatMap((profile) =>
      (['playPrompt', profile === 'beta-2018' ? 'record' : 'recordResponse', 'subscribeToTone', 'cancelMediaProcessing'] as const).map((action) => [profile, action] as const),
    ),
  )('%s: %s refuses an undeclared property with 400 naming it', (profile, action) => {
    const { sim, idle, send } = demo();
    const body = { clientContext: 'x', ...(action === 'playPrompt' ? { prompts } : {}), fooBar: 1 };
    const message = expectGraphError(send('POST', `${callRoot(profile, idle)}/${action}`, body), 400, 'BadRequest');
    expect(message).toBe(`The parameter 'fooBar' in the request payload is not a valid parameter for the operation '${action}'.`);
    expect(sim.knownCalls()[1]?.runningMedia).toBeUndefined();
    expect(sim.takeNotifications()).toEqual([]);
  });

  it.each(VERSIONS)('%s: a body over the limit gets 413 with innerError, request-id and client-request-id', (profile) => {
    const { sim, support, send } = demo();
    const huge = JSON.stringify({ clientContext: 'x'.repeat(MAX_GRAPH_BODY_BYTES) });
    const response = send('POST', cancelPath(PROFILES[profile], support), huge, { 'client-request-id': 'big-one' });
    expect(expectGraphError(response, 413, 'RequestEntityTooLarge')).toContain(String(MAX_GRAPH_BODY_BYTES));
    expect(response.headers['client-request-id']).toBe('big-one');
    expect(isGuid(response.headers['request-id'] ?? '')).toBe(true);
    expect(sim.takeNotifications()).toEqual([]);
    expect(sim.knownCalls()[0]?.queuedMedia).toBe(2);
  });

  it('a body just at the limit is read (and judged on its parameters)', () => {
    const { support, send } = demo();
    const padding = MAX_GRAPH_BODY_BYTES - JSON.stringify({ clientContext: '' }).length;
    const atLimit = JSON.stringify({ clientContext: 'x'.repeat(padding) });
    expect(new TextEncoder().encode(atLimit).length).toBe(MAX_GRAPH_BODY_BYTES);
    expect(expectGraphError(send('POST', cancelPath(PROFILES['v1.0'], support), atLimit), 400, 'BadRequest')).toContain('256');
  });
});

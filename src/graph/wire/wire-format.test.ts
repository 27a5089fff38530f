/**
 * The simulator's HTTP surface held against Graph's metadata, per API version:
 * every answer and notification it sends (property names, JSON types, enum
 * members, non-nullable properties) and every action's declared parameters.
 */
import { describe, expect, it } from 'vitest';
import { cancelPath, PROFILES, PROFILE_IDS, type ProfileId } from '../profiles';
import { graphErrorSchema } from '../schemas';
import { handleGraphRequest, type GraphHttpResponse } from '../simulator/http';
import { CallSimulator } from '../simulator/simulator';
import { checkWire, type WireCheck } from './check';
import { GRAPH_METADATA, type PropertyRule } from './metadata';

const NOW = Date.UTC(2026, 10, 27, 10, 0, 0);
const PROMPT = { '@odata.type': '#microsoft.graph.mediaPrompt', mediaInfo: { '@odata.type': '#microsoft.graph.mediaInfo', uri: 'https://cdn.contoso.example/a.wav' } };

function world() {
  const sim = CallSimulator.create({ now: NOW });
  const [support, idle] = sim.knownCalls();
  if (!support || !idle) throw new Error('seed lacks a demo call');
  return {
    sim,
    support: support.id,
    idle: idle.id,
    send(method: string, path: string, body?: unknown): GraphHttpResponse {
      return handleGraphRequest(sim, { method, path, headers: {}, body: body === undefined ? '' : JSON.stringify(body) });
    },
  };
}

/** `/v1.0/communications/calls/{id}`, `/beta/app/calls/{id}`… */
function callPath(version: ProfileId, callId: string): string {
  return cancelPath(PROFILES[version], callId).replace(/\/cancelMediaProcessing$/, '');
}

const recordAction = (version: ProfileId) => (version === 'beta-2018' ? 'record' : 'recordResponse');

/** Everything the simulator sends in one version's session: answers to each action, reads, and every notification. */
function session(version: ProfileId): { answers: { typeName: string; body: unknown; path: string }[]; notifications: unknown[] } {
  const { sim, support, idle, send } = world();
  const answers: { typeName: string; body: unknown; path: string }[] = [];
  const keep = (typeName: string, path: string, response: GraphHttpResponse) => {
    expect(response.status, `${path}: ${JSON.stringify(response.body)}`).toBeLessThan(300);
    if (response.body !== undefined) answers.push({ typeName, body: response.body, path });
    return response;
  };
  const post = (callId: string, action: string, body: unknown) => keep('commsOperation', `${callPath(version, callId)}/${action}`, send('POST', `${callPath(version, callId)}/${action}`, body));

  // On the idle call: a prompt plays, a recording waits behind it, a tone subscription runs beside them.
  const prompt = post(idle, 'playPrompt', { clientContext: 'prompt', prompts: [PROMPT] });
  post(idle, recordAction(version), { clientContext: 'recording', maxRecordDurationInSeconds: 5, stopTones: ['#'] });
  post(idle, 'subscribeToTone', { clientContext: 'tones' });
  keep('call', callPath(version, idle), send('GET', callPath(version, idle)));
  const promptId = (prompt.body as { id?: string } | undefined)?.id ?? prompt.headers.location?.split('/').pop() ?? '';
  keep('commsOperation', 'GET operation', send('GET', `${callPath(version, idle)}/operations/${promptId}`));
  sim.advanceBy(60_000); // both complete
  keep('commsOperation', 'GET completed operation', send('GET', `${callPath(version, idle)}/operations/${promptId}`));

  // On the busy call: a cancel ends the running recording and both queued prompts.
  post(support, 'cancelMediaProcessing', version === 'beta-2018' ? { all: true, clientContext: 'stop' } : { clientContext: 'stop' });
  return { answers, notifications: sim.takeNotifications().map((n) => n.body) };
}

describe.each(PROFILE_IDS)('%s: every answer and notification matches the metadata', (version) => {
  const { answers, notifications } = session(version);
  const result: WireCheck = { checks: 0, problems: [], typesSeen: new Set() };
  for (const answer of answers) checkWire(version, answer.body, answer.typeName, answer.path, result);
  notifications.forEach((body, index) => checkWire(version, body, 'commsNotifications', `notification[${index}]`, result));

  it('has no property, JSON type, enum member or nullability Graph would not send', () => {
    expect(result.problems).toEqual([]);
    expect(result.checks).toBeGreaterThan(100);
  });

  it('covered every operation type, the notification types, the call and its result type', () => {
    const expected = [
      'commsNotifications',
      'commsNotification',
      'playPromptOperation',
      'recordOperation',
      'subscribeToToneOperation',
      'resultInfo',
      'call',
      ...(version === 'beta-2018' ? ['commsOperation'] : ['cancelMediaProcessingOperation', 'callMediaState']),
    ];
    expect([...result.typesSeen].sort()).toEqual(expect.arrayContaining(expected.sort()));
  });

  it('every notification body is typed commsNotifications', () => {
    expect(notifications.length).toBeGreaterThanOrEqual(5);
    for (const body of notifications) expect(body).toMatchObject({ '@odata.type': '#microsoft.graph.commsNotifications' });
  });
});

describe('the checker itself', () => {
  it('finds what Graph would not send', () => {
    const bad = {
      '@odata.type': '#microsoft.graph.recordOperation',
      id: 'x',
      status: 'Done',
      completionReason: 'operationCanceled',
      resultInfo: { code: '400', subcode: 8508 },
    };
    const { problems } = checkWire('v1.0', bad, 'commsOperation');
    expect(problems).toEqual([
      'v1.0 $.status: "Done" is not a member of operationStatus (notStarted, running, completed, failed)',
      'v1.0 $: completionReason is not declared on recordOperation',
      'v1.0 $.resultInfo.code: expected a whole number, got "400"',
    ]);
    expect(checkWire('beta-2018', { '@odata.type': '#microsoft.graph.playPromptOperation', id: 'x', status: 'running' }, 'commsOperation').problems).toEqual([
      'beta-2018 $: createdDateTime is not nullable on playPromptOperation, but is missing',
      'beta-2018 $: lastActionDateTime is not nullable on playPromptOperation, but is missing',
      'beta-2018 $: prompts is not nullable on playPromptOperation, but is missing',
    ]);
  });
});

/** A value of the declared type, for a body that declares every parameter. */
function sample(rule: PropertyRule): unknown {
  switch (rule.type) {
    case 'Edm.String':
      return 'sample';
    case 'Edm.Int32':
      return 5;
    case 'Edm.Boolean':
      return true;
    case 'Collection(Edm.String)':
      return ['#'];
    case 'Collection(prompt)':
      return [PROMPT];
    default:
      throw new Error(`no sample for ${rule.type}`);
  }
}

/** A value of another JSON type than the declared one. */
const wrongType = (rule: PropertyRule): unknown => (rule.type === 'Edm.String' ? 42 : 'not-a-' + rule.type);

const ALL_ACTIONS = [...new Set(PROFILE_IDS.flatMap((version) => Object.keys(GRAPH_METADATA[version].actions)))];

describe.each(PROFILE_IDS)('%s: action parameters as the metadata declares them', (version) => {
  const actions = GRAPH_METADATA[version].actions;

  describe.each(Object.keys(actions))('%s', (action) => {
    const parameters = actions[action] ?? {};
    const full = Object.fromEntries(Object.entries(parameters).map(([name, rule]) => [name, sample(rule)]));
    const post = (body: unknown) => {
      const { idle, send } = world();
      return send('POST', `${callPath(version, idle)}/${action}`, body);
    };
    const refusal = (response: GraphHttpResponse): string => {
      expect(response.status).toBe(400);
      return graphErrorSchema.parse(response.body).error.message;
    };

    it('accepts a body with every declared parameter', () => {
      expect(post(full).status).toBe(version === 'beta-2018' && action === 'cancelMediaProcessing' ? 202 : 200);
    });

    it('refuses an undeclared property with 400 naming it', () => {
      expect(refusal(post({ ...full, fooBar: 1 }))).toBe(`The parameter 'fooBar' in the request payload is not a valid parameter for the operation '${action}'.`);
    });

    const nonNullable = Object.entries(parameters).filter(([, rule]) => !rule.nullable);
    it.each(nonNullable.length > 0 ? nonNullable.map(([name]) => name) : ['(none)'])('refuses the body without non-nullable %s, or with it null', (name) => {
      if (name === '(none)') {
        expect(post({}).status).toBeLessThan(300);
        return;
      }
      const without = Object.fromEntries(Object.entries(full).filter(([key]) => key !== name));
      expect(refusal(post(without))).toContain(`'${name}'`);
      expect(refusal(post({ ...full, [name]: null }))).toContain(`'${name}'`);
    });

    it.each(Object.keys(parameters))('refuses %s of the wrong JSON type, naming it', (name) => {
      const rule = parameters[name];
      if (!rule) throw new Error(name);
      expect(refusal(post({ ...full, [name]: wrongType(rule) }))).toContain(`'${name}'`);
    });
  });

  it.each(ALL_ACTIONS.filter((action) => !(action in actions)))('refuses %s, which this version does not have, as an unknown segment', (action) => {
    const { idle, send } = world();
    const response = send('POST', `${callPath(version, idle)}/${action}`, {});
    expect(response.status).toBe(400);
    expect(graphErrorSchema.parse(response.body).error.message).toBe(`Resource not found for the segment '${action}'.`);
  });
});

import { describe, expect, it } from 'vitest';
import { cancelPath, PROFILES, type ProfileId } from './profiles';
import { handleGraphRequest } from './simulator/http';
import { CallSimulator } from './simulator/simulator';
import { browserClockOffsetMs, liveClockOffsetMs } from './timeAxis';
import { buildTimeline, emptyTimeline, lanesInLogOrder, foldTimeline, parseOperationUrl, type OperationLane, type Timeline, type TimelineEvent } from './timeline';

const NOW = Date.UTC(2026, 10, 27, 10, 0, 0);
const iso = (ms: number) => new Date(ms).toISOString();

/** Drives the simulator through its HTTP surface and records what the console would see. */
function harness(seed = 2018) {
  const sim = CallSimulator.create({ seed, now: NOW });
  const [support, idle, ended] = sim.knownCalls();
  if (!support || !idle || !ended) throw new Error('seed lacks a demo call');
  const state = sim.snapshot().calls[0];
  let requests = 0;
  let seq = 0;
  return {
    sim,
    support: support.id,
    idle: idle.id,
    ended: ended.id,
    recordingId: state?.runningOperationId ?? '',
    welcomeId: state?.queuedOperationIds[0] ?? '',
    menuId: state?.queuedOperationIds[1] ?? '',
    /** Sends a request; returns its request and response events (not folded). */
    send(profile: ProfileId, callId: string, path: string, body: unknown): { request: TimelineEvent; response: TimelineEvent } {
      requests += 1;
      const id = `req-${requests}`;
      const at = iso(sim.now);
      const request: TimelineEvent = { kind: 'request', id, at, callId, profile, method: 'POST', path, body };
      const answer = handleGraphRequest(sim, { method: 'POST', path, headers: { 'client-request-id': id }, body: JSON.stringify(body) });
      const response: TimelineEvent = { kind: 'response', requestId: id, at, status: answer.status, headers: answer.headers, body: answer.body };
      return { request, response };
    },
    cancel(profile: ProfileId, callId: string, body: Record<string, unknown>) {
      return this.send(profile, callId, cancelPath(PROFILES[profile], callId), body);
    },
    /** The notifications due, as the relay would deliver them. */
    notifications(verified = true): TimelineEvent[] {
      return sim.takeNotifications().map((n) => {
        seq += 1;
        return { kind: 'notification', seq, receivedAt: iso(n.at), verified, source: 'simulator', body: n.body };
      });
    },
  };
}

function lane(timeline: Timeline, id: string): OperationLane {
  const found = timeline.lanes.find((l) => l.id === id);
  if (!found) throw new Error(`no lane ${id}; lanes: ${timeline.lanes.map((l) => l.id).join(', ')}`);
  return found;
}

function locationOperation(response: TimelineEvent): string {
  if (response.kind !== 'response') throw new Error('not a response');
  const parsed = parseOperationUrl(response.headers.location ?? '');
  if (!parsed) throw new Error('no Location');
  return parsed.operationId;
}

describe('parseOperationUrl', () => {
  it('reads call and operation ids from Location headers and notification paths', () => {
    expect(parseOperationUrl('https://graph.microsoft.com/v1.0/communications/calls/c1/operations/o1')).toEqual({ callId: 'c1', operationId: 'o1' });
    expect(parseOperationUrl('/app/calls/c1/operations/o1')).toEqual({ callId: 'c1', operationId: 'o1' });
    expect(parseOperationUrl('/beta/applications/a/calls/c1/operations/o1?x=1')).toEqual({ callId: 'c1', operationId: 'o1' });
    expect(parseOperationUrl('/communications/calls/c1')).toBeUndefined();
    expect(parseOperationUrl('/communications/calls/c1/operations/')).toBeUndefined();
  });
});

describe('foldTimeline: requests and responses', () => {
  it('records a request with its action', () => {
    const h = harness();
    const { request } = h.cancel('v1.0', h.support, { clientContext: 'c' });
    const timeline = foldTimeline(emptyTimeline(), request);
    expect(timeline.requests['req-1']).toMatchObject({ action: 'cancelMediaProcessing', callId: h.support, profile: 'v1.0', cancelledOperationIds: [] });
    expect(timeline.lanes).toEqual([]);
  });

  it('a v1.0 cancel answer makes a lane keyed by the Location operation id', () => {
    const h = harness();
    const { request, response } = h.cancel('v1.0', h.support, { clientContext: 'mine' });
    const timeline = buildTimeline([request, response]);
    const cancelId = locationOperation(response);
    expect(timeline.lanes).toHaveLength(1);
    expect(lane(timeline, cancelId)).toMatchObject({
      type: 'cancelMediaProcessing',
      callId: h.support,
      clientContext: 'mine',
      startedByRequestId: 'req-1',
      changes: [{ status: 'completed', via: 'response', at: iso(NOW) }],
    });
    expect(timeline.requests['req-1']?.response).toMatchObject({ status: 200, headers: { location: expect.stringContaining(cancelId) } });
  });

  it('a 2018 answer (202, no body) still makes a lane from Location', () => {
    const h = harness();
    const { request, response } = h.cancel('beta-2018', h.support, { all: true, clientContext: 'old' });
    const timeline = buildTimeline([request, response]);
    expect(lane(timeline, locationOperation(response))).toMatchObject({
      type: 'cancelMediaProcessing',
      callId: h.support,
      startedByRequestId: 'req-1',
      changes: [{ status: 'accepted (202)', via: 'response' }],
    });
  });

  it('an error answer is kept on the request and makes no lane', () => {
    const h = harness();
    const { request, response } = h.cancel('v1.0', h.ended, { clientContext: '' });
    const timeline = buildTimeline([request, response]);
    expect(timeline.lanes).toEqual([]);
    expect(timeline.requests['req-1']?.response?.status).toBe(400);
  });

  it('ignores an answer to an unknown request', () => {
    const h = harness();
    const { response } = h.cancel('v1.0', h.support, {});
    const timeline = foldTimeline(emptyTimeline(), response);
    expect(timeline).toEqual(emptyTimeline());
  });

  it('without Location, a body with an id still names the lane', () => {
    const h = harness();
    const { request } = h.cancel('v1.0', h.idle, {});
    const timeline = buildTimeline([
      request,
      { kind: 'response', requestId: 'req-1', at: iso(NOW), status: 200, headers: {}, body: { id: 'op-x', status: 'running', '@odata.type': '#microsoft.graph.playPromptOperation' } },
    ]);
    expect(lane(timeline, 'op-x')).toMatchObject({ type: 'playPrompt', startedByRequestId: 'req-1' });
  });
});

describe('foldTimeline: a media operation through its life', () => {
  it('playPrompt: running from the answer, then completed 200/0 from the notification', () => {
    const h = harness();
    const { request, response } = h.send('v1.0', h.idle, `/v1.0/communications/calls/${h.idle}/playPrompt`, { clientContext: 'p1', prompts: [{}] });
    h.sim.advanceBy(60_000);
    const notes = h.notifications(false);
    const timeline = buildTimeline([request, response, ...notes]);
    const id = locationOperation(response);
    const found = lane(timeline, id);
    expect(found).toMatchObject({ type: 'playPrompt', callId: h.idle, clientContext: 'p1', startedByRequestId: 'req-1' });
    expect(found.cancelledByRequestId).toBeUndefined();
    expect(found.changes).toHaveLength(2);
    expect(found.changes[0]).toMatchObject({ status: 'running', via: 'response', at: iso(NOW) });
    expect(found.changes[1]).toMatchObject({
      status: 'completed',
      via: 'notification',
      changeType: 'deleted',
      at: iso(NOW + 15_000),
      verified: false,
      seq: 1,
      resultInfo: { code: 200, subcode: 0 },
    });
    expect(found.changes[1]?.raw).toEqual((notes[0] as { body: { value: unknown[] } }).body.value[0]);
  });

  it('seeded operations get lanes from notifications alone (v1.0: no completionReason)', () => {
    const h = harness();
    h.sim.advanceBy(10 * 60_000);
    const timeline = buildTimeline(h.notifications());
    expect(timeline.lanes.map((l) => l.id)).toEqual([h.recordingId, h.welcomeId, h.menuId]);
    expect(lane(timeline, h.recordingId)).toMatchObject({ type: 'record', callId: h.support, clientContext: 'voicemail-recording' });
    expect(lane(timeline, h.recordingId).changes).toEqual([
      expect.objectContaining({ status: 'completed', resultInfo: expect.objectContaining({ code: 200 }) }),
    ]);
    expect(lane(timeline, h.recordingId).changes[0]?.completionReason).toBeUndefined();
    expect(lane(timeline, h.welcomeId)).toMatchObject({ type: 'playPrompt', clientContext: 'welcome-prompt' });
    expect(lane(timeline, h.welcomeId).changes[0]?.completionReason).toBeUndefined();
    expect(timeline.otherNotifications).toEqual([]);
  });
});

describe('foldTimeline: cancels', () => {
  it.each(['v1.0', 'beta'] as const)('%s: every cancelled lane is failed 8508 and linked to the cancel request', (profile) => {
    const h = harness();
    h.sim.advanceBy(1_000);
    const { request, response } = h.cancel(profile, h.support, { clientContext: 'stop' });
    const timeline = buildTimeline([request, response, ...h.notifications()]);
    const cancelled = [h.recordingId, h.welcomeId, h.menuId];
    for (const id of cancelled) {
      const found = lane(timeline, id);
      expect(found.cancelledByRequestId).toBe('req-1');
      expect(found.callId).toBe(h.support);
      expect(found.changes).toHaveLength(1);
      expect(found.changes[0]).toMatchObject({
        status: 'failed',
        changeType: 'deleted',
        at: iso(NOW + 1_000),
        resultInfo: { code: 400, subcode: 8508, message: 'Action failed, the operation was cancelled.' },
      });
    }
    // Only beta declares a recording's completionReason.
    expect(lane(timeline, h.recordingId).changes[0]?.completionReason).toBe(profile === 'beta' ? 'operationCanceled' : undefined);
    expect(lane(timeline, h.welcomeId).changes[0]?.completionReason).toBeUndefined();
    expect(timeline.requests['req-1']?.cancelledOperationIds).toEqual(cancelled);
    const cancelLane = lane(timeline, locationOperation(response));
    expect(cancelLane.cancelledByRequestId).toBeUndefined();
    expect(cancelLane.startedByRequestId).toBe('req-1');
  });

  it('2018 all:false: the recording is cancelled, the prompts complete, the cancel lane gets its commsOperation notice', () => {
    const h = harness();
    const { request, response } = h.cancel('beta-2018', h.support, { all: false, clientContext: 'only-now' });
    const atCancel = h.notifications();
    h.sim.advanceBy(60_000);
    const later = h.notifications();
    const timeline = buildTimeline([request, response, ...atCancel, ...later]);
    const cancelId = locationOperation(response);

    expect(lane(timeline, h.recordingId)).toMatchObject({ cancelledByRequestId: 'req-1', changes: [{ status: 'failed', completionReason: 'operationCanceled' }] });
    // The 2018 shape says errorInfo {code: "400", subCode: "8508"}: read as the same cancelled 400/8508.
    expect(lane(timeline, h.recordingId).changes[0]?.resultInfo).toEqual({ code: 400, subcode: 8508, message: 'Action failed, the operation was cancelled.' });
    expect(lane(timeline, h.recordingId).changes[0]?.raw).toMatchObject({ resourceData: { errorInfo: { code: '400', subCode: '8508' } } });
    for (const id of [h.welcomeId, h.menuId]) {
      const found = lane(timeline, id);
      expect(found.cancelledByRequestId).toBeUndefined();
      // The 2018 shape: a completed operation carries no errorInfo, so no result to show.
      expect(found.changes).toEqual([expect.objectContaining({ status: 'completed' })]);
      expect(found.changes[0]?.resultInfo).toBeUndefined();
    }
    expect(timeline.requests['req-1']?.cancelledOperationIds).toEqual([h.recordingId]);
    expect(lane(timeline, cancelId)).toMatchObject({
      type: 'cancelMediaProcessing',
      clientContext: 'only-now',
      startedByRequestId: 'req-1',
      changes: [
        { status: 'accepted (202)', via: 'response' },
        { status: 'completed', via: 'notification', changeType: 'deleted' },
      ],
    });
    expect(timeline.otherNotifications).toEqual([]);
  });

  it('links a cancelled lane to the last cancel on that call, not an earlier one or one on another call', () => {
    const h = harness();
    const first = h.cancel('v1.0', h.idle, { clientContext: 'first' });
    h.sim.advanceBy(1_000);
    const prompt = h.send('v1.0', h.idle, `/v1.0/communications/calls/${h.idle}/playPrompt`, { prompts: [] });
    h.sim.advanceBy(1_000);
    const second = h.cancel('v1.0', h.idle, { clientContext: 'second' });
    const notes = h.notifications();
    const other = h.cancel('v1.0', h.support, {});
    const timeline = buildTimeline([first.request, first.response, prompt.request, prompt.response, second.request, second.response, ...notes, other.request]);
    const promptId = locationOperation(prompt.response);
    expect(lane(timeline, promptId).cancelledByRequestId).toBe(second.request.kind === 'request' ? second.request.id : '');
    expect(timeline.requests['req-3']?.cancelledOperationIds).toEqual([promptId]);
    expect(timeline.requests['req-1']?.cancelledOperationIds).toEqual([]);
  });

  it('does not link to a cancel sent after the notice arrived, by the log order', () => {
    const h = harness();
    const early = h.cancel('v1.0', h.support, {});
    const notes = h.notifications();
    h.sim.advanceBy(5_000);
    const late = h.cancel('v1.0', h.support, {});
    const timeline = buildTimeline([early.request, early.response, ...notes, late.request, late.response]);
    expect(lane(timeline, h.recordingId).cancelledByRequestId).toBe('req-1');
    expect(timeline.requests['req-2']?.cancelledOperationIds).toEqual([]);
  });

  it('links and orders by the log whatever the clocks say: a browser five minutes ahead of the server', () => {
    const h = harness();
    const skewed = (event: TimelineEvent): TimelineEvent =>
      event.kind === 'notification' ? event : { ...event, at: new Date(Date.parse(event.at) + 5 * 60_000).toISOString() };
    const { request, response } = h.cancel('v1.0', h.support, {});
    const timeline = buildTimeline([skewed(request), skewed(response), ...h.notifications()]);
    for (const id of [h.recordingId, h.welcomeId, h.menuId]) expect(lane(timeline, id).cancelledByRequestId).toBe('req-1');
    const ordered = lanesInLogOrder(timeline.lanes).map((l) => l.type);
    // The ended operations were queued before the console saw them: they come before the cancel that ended them.
    expect(ordered.at(-1)).toBe('cancelMediaProcessing');
  });

  it('puts a skewed browser’s cancel on the server’s time axis, even when its notifications came before its answer', () => {
    const h = harness();
    const skew = 5 * 60_000;
    const skewed = (event: TimelineEvent): TimelineEvent =>
      event.kind === 'notification' ? event : { ...event, at: new Date(Date.parse(event.at) + skew).toISOString() };
    const { request, response } = h.cancel('v1.0', h.support, {});
    const notes = h.notifications();
    const timeline = buildTimeline([skewed(request), ...notes, skewed(response)]);
    const offset = browserClockOffsetMs(timeline.lanes, Object.values(timeline.requests));
    expect(Math.abs(offset + skew)).toBeLessThan(1_000);
    // Without the request, nothing bounds the answer from above, and the bar would sit five minutes off.
    expect(browserClockOffsetMs(timeline.lanes)).toBe(0);
    // An older cancel from another browser, whose clock agrees with the server's, does not pull the offset halfway.
    const h2 = harness();
    const other = h2.cancel('v1.0', h2.support, {});
    const withOther = buildTimeline([other.request, other.response, ...h2.notifications()]);
    const mixed = { ...withOther.requests, ...Object.fromEntries(Object.entries(timeline.requests).map(([id, entry]) => [`skewed-${id}`, { ...entry, place: entry.place + 100 }])) };
    const shifted = timeline.lanes.map((lane) => ({ ...lane, changes: lane.changes.map((change) => ({ ...change, place: change.place + 100, ...(change.seq !== undefined ? { seq: change.seq + 100 } : {}) })) }));
    expect(Math.abs(browserClockOffsetMs([...withOther.lanes, ...shifted], Object.values(mixed)) + skew)).toBeLessThan(1_000);
  });

  it('works the clock offset of a live timeline out once it is settled, the same as from scratch after every event', () => {
    const h = harness();
    const skew = 5 * 60_000;
    const skewed = (event: TimelineEvent): TimelineEvent =>
      event.kind === 'notification' ? event : { ...event, at: new Date(Date.parse(event.at) + skew).toISOString() };
    const { request, response } = h.cancel('v1.0', h.support, {});
    const events = [skewed(request), ...h.notifications(), skewed(response)];
    let timeline = emptyTimeline();
    for (const event of events) {
      timeline = foldTimeline(timeline, event);
      expect(liveClockOffsetMs(timeline.lanes, timeline.requests)).toBe(browserClockOffsetMs(timeline.lanes, Object.values(timeline.requests)));
    }
    // Later notifications, after every recorded event, leave it where it is.
    const lastNotice = events.filter((event) => event.kind === 'notification').at(-1);
    if (lastNotice?.kind !== 'notification') throw new Error('no notification');
    const later: TimelineEvent = { ...lastNotice, seq: 1_000, receivedAt: new Date(Date.parse(lastNotice.receivedAt) + 60_000).toISOString() };
    const grown = foldTimeline(timeline, later);
    expect(liveClockOffsetMs(grown.lanes, grown.requests)).toBe(browserClockOffsetMs(grown.lanes, Object.values(grown.requests)));
  });

  it('does not link to a cancel Graph refused', () => {
    const h = harness();
    const good = h.cancel('v1.0', h.support, {});
    const notes = h.notifications();
    const refused = h.cancel('v1.0', h.support, { clientContext: 'x'.repeat(257) });
    if (refused.response.kind !== 'response') throw new Error('not a response');
    expect(refused.response.status).toBe(400);
    const throttled: TimelineEvent = { ...refused.response, requestId: 'req-3', status: 429, body: { error: { code: 'TooManyRequests', message: 'slow down' } } };
    const third: TimelineEvent = refused.request.kind === 'request' ? { ...refused.request, id: 'req-3' } : refused.request;
    const timeline = buildTimeline([good.request, good.response, refused.request, refused.response, third, throttled, ...notes]);
    expect(lane(timeline, h.recordingId).cancelledByRequestId).toBe('req-1');
    expect(timeline.requests['req-1']?.cancelledOperationIds).toEqual([h.recordingId, h.welcomeId, h.menuId]);
    expect(timeline.requests['req-2']?.cancelledOperationIds).toEqual([]);
    expect(timeline.requests['req-3']?.cancelledOperationIds).toEqual([]);
  });

  it('links to a cancel whose answer has not arrived yet', () => {
    const h = harness();
    const { request, response } = h.cancel('beta', h.support, {});
    const timeline = buildTimeline([request, ...h.notifications(), response]);
    expect(lane(timeline, h.recordingId).cancelledByRequestId).toBe('req-1');
  });

  it('links the 2018 /applications/{appId} form too, and matches call ids regardless of case', () => {
    const h = harness();
    const path = cancelPath(PROFILES['beta-2018'], h.support.toUpperCase(), { legacyForm: 'applications', appId: 'f0e1d2c3-b4a5-4968-8776-5a4b3c2d1e0f' });
    const { request, response } = h.send('beta-2018', h.support.toUpperCase(), path, { all: true, clientContext: 'apps' });
    const timeline = buildTimeline([request, response, ...h.notifications()]);
    for (const id of [h.recordingId, h.welcomeId, h.menuId]) expect(lane(timeline, id).cancelledByRequestId).toBe('req-1');
    expect(lane(timeline, locationOperation(response)).changes.map((c) => c.status)).toEqual(['accepted (202)', 'completed']);
  });

  it('a failed notice on a call with no cancel request is not linked', () => {
    const h = harness();
    h.cancel('v1.0', h.support, {});
    const timeline = buildTimeline(h.notifications());
    expect(lane(timeline, h.recordingId).changes[0]?.status).toBe('failed');
    expect(lane(timeline, h.recordingId).cancelledByRequestId).toBeUndefined();
  });

  it('a repeated cancelled notice is linked once', () => {
    const h = harness();
    const { request, response } = h.cancel('v1.0', h.support, {});
    const notes = h.notifications();
    const timeline = buildTimeline([request, response, ...notes, ...notes.map((n) => (n.kind === 'notification' ? { ...n, seq: n.seq + 10 } : n))]);
    expect(timeline.requests['req-1']?.cancelledOperationIds).toEqual([h.recordingId, h.welcomeId, h.menuId]);
    expect(lane(timeline, h.recordingId).changes).toHaveLength(2);
  });

  it('a failure with another subcode is not taken for a cancel', () => {
    const h = harness();
    const { request } = h.cancel('v1.0', h.support, {});
    const timeline = buildTimeline([
      request,
      {
        kind: 'notification',
        seq: 1,
        receivedAt: iso(NOW + 1),
        verified: true,
        source: 'graph',
        body: {
          value: [
            {
              changeType: 'deleted',
              resourceUrl: `/communications/calls/${h.support}/operations/op-9`,
              resourceData: { '@odata.type': '#microsoft.graph.playPromptOperation', status: 'failed', resultInfo: { code: 500, subcode: 9999 } },
            },
          ],
        },
      },
    ]);
    expect(lane(timeline, 'op-9').cancelledByRequestId).toBeUndefined();
    expect(timeline.requests['req-1']?.cancelledOperationIds).toEqual([]);
  });
});

describe('foldTimeline: notifications before the HTTP response', () => {
  const summary = (timeline: Timeline) =>
    timeline.lanes
      .map((l) => ({
        id: l.id,
        type: l.type,
        callId: l.callId,
        clientContext: l.clientContext,
        startedByRequestId: l.startedByRequestId,
        cancelledByRequestId: l.cancelledByRequestId,
        statuses: l.changes.map((c) => c.status),
      }))
      .sort((a, b) => a.id.localeCompare(b.id));

  it.each([
    ['v1.0', { clientContext: 'x' }],
    ['beta', { clientContext: 'x' }],
    ['beta-2018', { all: true, clientContext: 'x' }],
    ['beta-2018', { all: false, clientContext: 'x' }],
  ] as const)('%s %j: the same lanes in either order', (profile, body) => {
    const h = harness();
    const { request, response } = h.cancel(profile, h.support, body);
    const notes = h.notifications();
    const inOrder = buildTimeline([request, response, ...notes]);
    const early = buildTimeline([request, ...notes, response]);
    expect(summary(early)).toEqual(summary(inOrder));
    expect(early.requests['req-1']?.cancelledOperationIds).toEqual(inOrder.requests['req-1']?.cancelledOperationIds);
    expect(early.requests['req-1']?.response?.status).toBe(PROFILES[profile].expectedStatus);
    expect(lane(early, locationOperation(response)).type).toBe('cancelMediaProcessing');
    expect(early.otherNotifications).toEqual([]);
  });

  it('a media answer after its own completion notice', () => {
    const h = harness();
    const { request, response } = h.send('beta', h.idle, `/beta/communications/calls/${h.idle}/playPrompt`, { clientContext: 'fast', prompts: [] });
    h.sim.advanceBy(60_000);
    const timeline = buildTimeline([request, ...h.notifications(), response]);
    const found = lane(timeline, locationOperation(response));
    expect(found).toMatchObject({ type: 'playPrompt', callId: h.idle, clientContext: 'fast', startedByRequestId: 'req-1' });
    // The answer describes the operation as it was created, so it comes first and the lane ends completed.
    expect(found.changes.map((c) => c.status)).toEqual(['running', 'completed']);
    expect(found.changes.map((c) => c.via)).toEqual(['response', 'notification']);
    expect(timeline.lanes).toHaveLength(1);
  });

  it('a 2018 cancel answered after its own commsOperation notice ends completed, typed as the cancel', () => {
    const h = harness();
    const { request, response } = h.cancel('beta-2018', h.idle, { all: true, clientContext: 'late-answer' });
    const timeline = buildTimeline([request, ...h.notifications(), response]);
    expect(lane(timeline, locationOperation(response))).toMatchObject({
      type: 'cancelMediaProcessing',
      clientContext: 'late-answer',
      startedByRequestId: 'req-1',
      changes: [{ status: 'accepted (202)' }, { status: 'completed' }],
    });
  });
});

describe('foldTimeline: notifications that name no operation', () => {
  const note = (body: unknown, seq = 1): TimelineEvent => ({ kind: 'notification', seq, receivedAt: iso(NOW), verified: true, source: 'graph', body });

  it.each([
    ['null', null],
    ['a string', 'not json'],
    ['a number', 42],
    ['an array', [1, 2]],
    ['no value', {}],
    ['an empty value', { value: [] }],
    ['value not an array', { value: 'x' }],
    ['an item without resourceUrl or resource', { value: [{ changeType: 'deleted', resourceData: { status: 'failed' } }] }],
    ['an unknown changeType', { value: [{ changeType: 'exploded', resourceUrl: '/communications/calls/c/operations/o', resourceData: { status: 'failed' } }] }],
    ['a call update', { value: [{ changeType: 'updated', resourceUrl: '/communications/calls/c', resourceData: { '@odata.type': '#microsoft.graph.call', state: 'established' } }] }],
    ['operation data without a status', { value: [{ changeType: 'deleted', resourceUrl: '/communications/calls/c/operations/o', resourceData: { id: 'o' } }] }],
    ['operation data with an unknown status', { value: [{ changeType: 'deleted', resourceUrl: '/communications/calls/c/operations/o', resourceData: { status: 'gone' } }] }],
    ['operation data that is not an object', { value: [{ changeType: 'deleted', resourceUrl: '/communications/calls/c/operations/o', resourceData: 'x' }] }],
  ])('%s lands in otherNotifications without throwing', (_label, body) => {
    const event = note(body);
    const timeline = foldTimeline(emptyTimeline(), event);
    expect(timeline.lanes).toEqual([]);
    expect(timeline.otherNotifications).toEqual([event]);
  });

  it('keeps them in arrival order beside the lanes', () => {
    const h = harness();
    h.cancel('v1.0', h.support, {});
    const [first] = h.notifications();
    const bad1 = note(null, 10);
    const bad2 = note({ value: [] }, 11);
    const timeline = buildTimeline([bad1, first as TimelineEvent, bad2]);
    expect(timeline.otherNotifications).toEqual([bad1, bad2]);
    expect(timeline.lanes).toHaveLength(1);
  });

  it('a body mixing a call update and an operation is a lane, not an other', () => {
    const event = note({
      value: [
        { changeType: 'updated', resourceUrl: '/communications/calls/c', resourceData: { state: 'established' } },
        { changeType: 'deleted', resource: '/app/calls/c/operations/o', resourceData: { '@odata.type': '#microsoft.graph.playPromptOperation', status: 'completed' } },
      ],
    });
    const timeline = foldTimeline(emptyTimeline(), event);
    expect(timeline.otherNotifications).toEqual([]);
    expect(lane(timeline, 'o')).toMatchObject({ callId: 'c', type: 'playPrompt' });
  });

  it('prefers resourceUrl when an item carries both', () => {
    const timeline = foldTimeline(
      emptyTimeline(),
      note({
        value: [
          {
            changeType: 'deleted',
            resourceUrl: '/communications/calls/c/operations/new-id',
            resource: '/app/calls/c/operations/new-id',
            resourceData: { status: 'completed' },
          },
        ],
      }),
    );
    expect(timeline.lanes.map((l) => l.id)).toEqual(['new-id']);
  });
});

describe('foldTimeline: purity', () => {
  it('never changes the timeline it is given', () => {
    const h = harness();
    const { request, response } = h.cancel('beta-2018', h.support, { all: true, clientContext: 'x' });
    const notes = h.notifications();
    const before = buildTimeline([request, response]);
    const frozen = structuredClone(before);
    const after = notes.reduce(foldTimeline, before);
    foldTimeline(after, { kind: 'notification', seq: 99, receivedAt: iso(NOW), verified: true, source: 'graph', body: null });
    expect(before).toEqual(frozen);
    expect(after.lanes.length).toBeGreaterThan(before.lanes.length);
    expect(after).not.toBe(before);
  });

  it('buildTimeline of the same events is the same timeline', () => {
    const run = () => {
      const h = harness(9);
      const { request, response } = h.cancel('v1.0', h.support, {});
      return buildTimeline([request, response, ...h.notifications()]);
    };
    expect(run()).toEqual(run());
    expect(buildTimeline([])).toEqual(emptyTimeline());
  });
});

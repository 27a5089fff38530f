import { describe, expect, it } from 'vitest';
import { CANCELLED_RESULT, COMPLETED_RESULT } from '../errors';
import { commsNotificationsSchema } from '../schemas';
import type { OutgoingNotification, SimCall } from './model';
import { SEEDED_PROMPT_MS, SEEDED_RECORDING_MS } from './seed';
import { CallSimulator, DEFAULT_CALLBACK_URI } from './simulator';

const NOW = Date.UTC(2026, 10, 27, 10, 0, 0);

function demo(seed?: number) {
  const sim = CallSimulator.create(seed === undefined ? { now: NOW } : { seed, now: NOW });
  const [support, idle, ended] = sim.snapshot().calls;
  if (!support || !idle || !ended) throw new Error('seed lacks a demo call');
  const live = (id: string): SimCall => {
    const call = sim.getCall(id);
    if (!call) throw new Error(`no call ${id}`);
    return call;
  };
  return {
    sim,
    support: live(support.id),
    idle: live(idle.id),
    ended: live(ended.id),
    recordingId: support.runningOperationId ?? '',
    welcomeId: support.queuedOperationIds[0] ?? '',
    menuId: support.queuedOperationIds[1] ?? '',
    toneId: support.toneOperationIds[0] ?? '',
  };
}

/** The one item of a notification body, typed loosely for assertions. */
function item(notification: OutgoingNotification | undefined): Record<string, unknown> & { resourceData: Record<string, unknown> } {
  const value = notification?.body.value;
  expect(value).toHaveLength(1);
  return value?.[0] as Record<string, unknown> & { resourceData: Record<string, unknown> };
}

function endedIds(notifications: OutgoingNotification[]): string[] {
  return notifications.map((n) => String(item(n).resourceData.id));
}

const media = { clientContext: 'ctx', durationMs: 1_000, version: 'v1.0' } as const;

describe('CallSimulator: seeded demo', () => {
  it('lists the demo calls with their state, participants and media', () => {
    const { sim, support, idle, ended } = demo();
    expect(sim.now).toBe(NOW);
    const known = sim.knownCalls();
    expect(known.map((c) => c.id)).toEqual([support.id, idle.id, ended.id]);
    expect(known[0]).toMatchObject({ state: 'established', runningMedia: 'recordResponse', queuedMedia: 2 });
    expect(known[0]?.participants.map((p) => p.displayName)).toEqual(['Adele Vance', 'Megan Bowen']);
    expect(known[1]).toMatchObject({ state: 'established', queuedMedia: 0 });
    expect(known[1]?.runningMedia).toBeUndefined();
    expect(known[2]).toMatchObject({ state: 'terminated', queuedMedia: 0 });
  });

  it('uses the default seed and callback when none is given', () => {
    expect(CallSimulator.create({ now: NOW }).snapshot()).toEqual(CallSimulator.create({ seed: 2018, now: NOW }).snapshot());
    expect(demo().support.callbackUri).toBe(DEFAULT_CALLBACK_URI);
  });

  it('finds calls and users regardless of case', () => {
    const { sim, support } = demo();
    expect(sim.getCall(support.id.toUpperCase())?.id).toBe(support.id);
    const userId = support.participants[0]?.userId ?? '';
    expect(sim.getUser(userId.toUpperCase())?.displayName).toBe('Adele Vance');
    expect(sim.getCall('00000000-0000-4000-8000-000000000000')).toBeUndefined();
    expect(sim.getUser('nobody')).toBeUndefined();
  });
});

describe('CallSimulator: determinism', () => {
  it('same seed gives the same ids', () => {
    expect(demo(5).sim.snapshot()).toEqual(demo(5).sim.snapshot());
    expect(demo(5).support.id).not.toBe(demo(6).support.id);
  });

  it('same seed and the same steps give the same notifications and new ids', () => {
    const run = () => {
      const { sim, support, idle } = demo(11);
      const prompt = sim.startMedia(idle, 'playPrompt', media);
      const guid = sim.newGuid();
      sim.advanceBy(1_000);
      const cancel = sim.cancelMediaProcessing(support, { all: true, clientContext: 'c', version: 'v1.0' });
      return { prompt: prompt.id, guid, cancel: cancel.id, notifications: sim.takeNotifications(), state: sim.snapshot() };
    };
    const first = run();
    expect(first.notifications.length).toBe(4);
    expect(run()).toEqual(first);
  });

  it('newGuid draws a fresh GUID each time', () => {
    const { sim } = demo();
    const a = sim.newGuid();
    const b = sim.newGuid();
    expect(a).not.toBe(b);
  });
});

describe('CallSimulator: the media queue on the virtual clock', () => {
  it('runs the seeded recording, then each queued prompt, one at a time', () => {
    const { sim, support, recordingId, welcomeId, menuId } = demo();
    sim.advanceBy(SEEDED_RECORDING_MS - 1);
    expect(sim.takeNotifications()).toEqual([]);
    expect(sim.getOperation(recordingId)?.status).toBe('running');
    expect(sim.getOperation(welcomeId)?.status).toBe('notStarted');

    sim.advanceBy(1);
    const recorded = sim.takeNotifications();
    expect(endedIds(recorded)).toEqual([recordingId]);
    expect(recorded[0]?.at).toBe(NOW + SEEDED_RECORDING_MS);
    expect(sim.getOperation(recordingId)).toMatchObject({ status: 'completed', endedAt: NOW + SEEDED_RECORDING_MS });
    expect(support.runningOperationId).toBe(welcomeId);
    expect(support.queuedOperationIds).toEqual([menuId]);
    expect(sim.getOperation(welcomeId)).toMatchObject({ status: 'running', startedAt: NOW + SEEDED_RECORDING_MS });
    expect(sim.getOperation(menuId)?.status).toBe('notStarted');

    sim.advanceBy(SEEDED_PROMPT_MS);
    expect(endedIds(sim.takeNotifications())).toEqual([welcomeId]);
    expect(support.runningOperationId).toBe(menuId);
    expect(support.queuedOperationIds).toEqual([]);

    sim.advanceBy(SEEDED_PROMPT_MS);
    expect(endedIds(sim.takeNotifications())).toEqual([menuId]);
    expect(support.runningOperationId).toBeUndefined();
    expect(sim.now).toBe(NOW + SEEDED_RECORDING_MS + 2 * SEEDED_PROMPT_MS);
  });

  it('one long advance ends everything due, in order, each at its own time', () => {
    const { sim, recordingId, welcomeId, menuId } = demo();
    sim.advanceTo(NOW + 10 * 60_000);
    const due = sim.takeNotifications();
    expect(endedIds(due)).toEqual([recordingId, welcomeId, menuId]);
    expect(due.map((n) => n.at)).toEqual([
      NOW + SEEDED_RECORDING_MS,
      NOW + SEEDED_RECORDING_MS + SEEDED_PROMPT_MS,
      NOW + SEEDED_RECORDING_MS + 2 * SEEDED_PROMPT_MS,
    ]);
    expect(sim.now).toBe(NOW + 10 * 60_000);
  });

  it('never moves the clock backwards', () => {
    const { sim } = demo();
    sim.advanceBy(5_000);
    sim.advanceTo(NOW);
    expect(sim.now).toBe(NOW + 5_000);
  });

  it('interleaves calls by end time', () => {
    const { sim, idle, welcomeId } = demo();
    const prompt = sim.startMedia(idle, 'playPrompt', { ...media, durationMs: SEEDED_RECORDING_MS + 1_000 });
    sim.advanceBy(SEEDED_RECORDING_MS + SEEDED_PROMPT_MS);
    const ids = endedIds(sim.takeNotifications());
    expect(ids.indexOf(prompt.id)).toBeGreaterThan(-1);
    expect(ids.indexOf(prompt.id)).toBeLessThan(ids.indexOf(welcomeId));
  });

  it('playPrompt and recordResponse queue behind each other and run one at a time', () => {
    const { sim, idle } = demo();
    const first = sim.startMedia(idle, 'playPrompt', { ...media, durationMs: 1_000, clientContext: 'first' });
    const second = sim.startMedia(idle, 'recordResponse', { ...media, durationMs: 2_000, clientContext: 'second' });
    const third = sim.startMedia(idle, 'playPrompt', { ...media, durationMs: 500, clientContext: 'third' });
    expect(first).toMatchObject({ status: 'running', startedAt: NOW, callId: idle.id });
    expect(second.status).toBe('notStarted');
    expect(third.status).toBe('notStarted');
    expect(idle.runningOperationId).toBe(first.id);
    expect(idle.queuedOperationIds).toEqual([second.id, third.id]);

    sim.advanceBy(1_000);
    expect(sim.getOperation(first.id)?.status).toBe('completed');
    expect(sim.getOperation(second.id)).toMatchObject({ status: 'running', startedAt: NOW + 1_000 });
    expect(sim.getOperation(third.id)?.status).toBe('notStarted');

    sim.advanceBy(1_999);
    expect(sim.getOperation(second.id)?.status).toBe('running');
    sim.advanceBy(1);
    expect(sim.getOperation(second.id)).toMatchObject({ status: 'completed', completionReason: 'maxRecordDurationReached' });
    expect(sim.getOperation(third.id)).toMatchObject({ status: 'running', startedAt: NOW + 3_000 });
    sim.advanceBy(500);
    expect(sim.getOperation(third.id)?.status).toBe('completed');
    expect(endedIds(sim.takeNotifications())).toEqual([first.id, second.id, third.id]);
  });

  it('reports a completed operation as deleted, completed, 200/0', () => {
    const { sim, support, recordingId, welcomeId } = demo();
    sim.advanceBy(SEEDED_RECORDING_MS + SEEDED_PROMPT_MS);
    const [recording, welcome] = sim.takeNotifications();
    expect(recording?.callbackUri).toBe(DEFAULT_CALLBACK_URI);
    const recordedItem = item(recording);
    expect(recordedItem).toMatchObject({
      '@odata.type': '#microsoft.graph.commsNotification',
      changeType: 'deleted',
      resourceUrl: `/communications/calls/${support.id}/operations/${recordingId}`,
    });
    expect(recordedItem.resource).toBeUndefined();
    expect(recordedItem.resourceData).toMatchObject({
      '@odata.type': '#microsoft.graph.recordOperation',
      '@odata.id': `/communications/calls/${support.id}/operations/${recordingId}`,
      id: recordingId,
      status: 'completed',
      clientContext: 'voicemail-recording',
      resultInfo: { code: 200, subcode: 0 },
    });
    // The seeded calls report in v1.0's format, which has no completionReason.
    expect(recordedItem.resourceData.completionReason).toBeUndefined();
    const welcomeItem = item(welcome);
    expect(welcomeItem.resourceData).toMatchObject({
      '@odata.type': '#microsoft.graph.playPromptOperation',
      id: welcomeId,
      status: 'completed',
      resultInfo: { ...COMPLETED_RESULT },
    });
    expect(welcomeItem.resourceData.completionReason).toBeUndefined();
    for (const n of [recording, welcome]) expect(commsNotificationsSchema.safeParse(n?.body).success).toBe(true);
  });

  it('hands each notification out once, and sends them to the call’s callback', () => {
    const { sim } = demo();
    sim.setCallbackUri('https://console.example/api/calls');
    sim.advanceBy(SEEDED_RECORDING_MS);
    const first = sim.takeNotifications();
    expect(first).toHaveLength(1);
    expect(first[0]?.callbackUri).toBe('https://console.example/api/calls');
    expect(sim.takeNotifications()).toEqual([]);
  });
});

describe('CallSimulator: subscribeToTone', () => {
  it('runs beside the queue and does not displace the running operation', () => {
    const { sim, support, recordingId, welcomeId, menuId } = demo();
    const tone = sim.startMedia(support, 'subscribeToTone', { ...media, clientContext: 'tones' });
    expect(tone).toMatchObject({ kind: 'subscribeToTone', status: 'completed', startedAt: NOW, endedAt: NOW });
    expect(support.runningOperationId).toBe(recordingId);
    expect(support.queuedOperationIds).toEqual([welcomeId, menuId]);
    expect(support.toneOperationIds).toContain(tone.id);
  });

  it('on an idle call leaves the call idle', () => {
    const { sim, idle } = demo();
    sim.startMedia(idle, 'subscribeToTone', media);
    expect(idle.runningOperationId).toBeUndefined();
    const prompt = sim.startMedia(idle, 'playPrompt', media);
    expect(prompt.status).toBe('running');
  });

  it('is never cancelled, by all or by the running-only cancel', () => {
    for (const all of [true, false]) {
      const { sim, support, toneId } = demo();
      const tone = sim.startMedia(support, 'subscribeToTone', media);
      sim.cancelMediaProcessing(support, { all, clientContext: '', version: all ? 'v1.0' : 'beta-2018' });
      sim.advanceBy(60 * 60_000);
      const ids = endedIds(sim.takeNotifications().filter((n) => (n.body.value[0]?.resourceData as { '@odata.type'?: string } | undefined)?.['@odata.type'] !== '#microsoft.graph.commsOperation'));
      for (const id of [toneId, tone.id]) {
        expect(sim.getOperation(id)?.status).toBe('completed');
        expect(ids).not.toContain(id);
      }
      expect(support.toneOperationIds).toEqual([toneId, tone.id]);
    }
  });
});

describe('CallSimulator: cancelMediaProcessing', () => {
  it('with all, cancels the running and every queued operation', () => {
    const { sim, support, recordingId, welcomeId, menuId } = demo();
    sim.advanceBy(1_000);
    const cancel = sim.cancelMediaProcessing(support, { all: true, clientContext: 'stop', version: 'v1.0' });
    expect(cancel).toMatchObject({ kind: 'cancelMediaProcessing', status: 'completed', clientContext: 'stop', callId: support.id });
    expect(support.runningOperationId).toBeUndefined();
    expect(support.queuedOperationIds).toEqual([]);
    for (const id of [recordingId, welcomeId, menuId]) {
      expect(sim.getOperation(id)).toMatchObject({ status: 'failed', endedAt: NOW + 1_000 });
    }
    const sent = sim.takeNotifications();
    expect(endedIds(sent)).toEqual([recordingId, welcomeId, menuId]);
    expect(sent.map((n) => n.at)).toEqual([NOW + 1_000, NOW + 1_000, NOW + 1_000]);
    sim.advanceBy(60 * 60_000);
    expect(sim.takeNotifications()).toEqual([]);
    expect(sim.knownCalls()[0]).toMatchObject({ queuedMedia: 0 });
    expect(sim.knownCalls()[0]?.runningMedia).toBeUndefined();
  });

  it('reports each cancelled operation as deleted, failed, 400/8508, completionReason only on the recording (beta)', () => {
    const { sim, support, recordingId, welcomeId, menuId } = demo();
    sim.cancelMediaProcessing(support, { all: true, clientContext: '', version: 'beta' });
    const [recording, welcome, menu] = sim.takeNotifications().map(item);
    for (const [found, id] of [
      [recording, recordingId],
      [welcome, welcomeId],
      [menu, menuId],
    ] as const) {
      expect(found).toMatchObject({
        changeType: 'deleted',
        resourceUrl: `/communications/calls/${support.id}/operations/${id}`,
        resourceData: { id, status: 'failed', resultInfo: { ...CANCELLED_RESULT } },
      });
      expect(found?.resourceData.resultInfo).toMatchObject({ code: 400, subcode: 8508, message: 'Action failed, the operation was cancelled.' });
    }
    expect(recording?.resourceData).toMatchObject({ '@odata.type': '#microsoft.graph.recordOperation', completionReason: 'operationCanceled' });
    expect(welcome?.resourceData['@odata.type']).toBe('#microsoft.graph.playPromptOperation');
    expect('completionReason' in (welcome?.resourceData ?? {})).toBe(false);
    expect('completionReason' in (menu?.resourceData ?? {})).toBe(false);
  });

  it('cancels a queued recordResponse with completionReason operationCanceled (beta)', () => {
    const { sim, idle } = demo();
    sim.startMedia(idle, 'playPrompt', media);
    const recording = sim.startMedia(idle, 'recordResponse', media);
    sim.cancelMediaProcessing(idle, { all: true, clientContext: '', version: 'beta' });
    const [, recorded] = sim.takeNotifications().map(item);
    expect(recorded?.resourceData).toMatchObject({ id: recording.id, status: 'failed', completionReason: 'operationCanceled' });
  });

  it('on an idle call in the current style cancels nothing and sends nothing', () => {
    const { sim, idle } = demo();
    const cancel = sim.cancelMediaProcessing(idle, { all: true, clientContext: 'x', version: 'v1.0' });
    expect(cancel.status).toBe('completed');
    expect(sim.takeNotifications()).toEqual([]);
  });

  it('queued media after a cancel runs as usual', () => {
    const { sim, support } = demo();
    sim.cancelMediaProcessing(support, { all: true, clientContext: '', version: 'v1.0' });
    sim.takeNotifications();
    const prompt = sim.startMedia(support, 'playPrompt', media);
    expect(prompt.status).toBe('running');
    sim.advanceBy(media.durationMs);
    expect(item(sim.takeNotifications()[0]).resourceData).toMatchObject({ id: prompt.id, status: 'completed' });
  });
});

describe('CallSimulator: the 2018 beta', () => {
  it('all:false cancels only the running operation; the queued ones go on to complete in order', () => {
    const { sim, support, recordingId, welcomeId, menuId } = demo();
    sim.advanceBy(1_000);
    const cancel = sim.cancelMediaProcessing(support, { all: false, clientContext: 'only-current', version: 'beta-2018' });
    expect(sim.getOperation(recordingId)?.status).toBe('failed');
    expect(support.runningOperationId).toBe(welcomeId);
    expect(sim.getOperation(welcomeId)).toMatchObject({ status: 'running', startedAt: NOW + 1_000 });
    expect(support.queuedOperationIds).toEqual([menuId]);

    const atCancel = sim.takeNotifications();
    expect(atCancel).toHaveLength(2);
    const [cancelled, cancelReport] = atCancel.map(item);
    expect(cancelled).toEqual({
      changeType: 'deleted',
      resource: `/app/calls/${support.id}/operations/${recordingId}`,
      resourceData: expect.objectContaining({
        '@odata.type': '#microsoft.graph.recordOperation',
        status: 'failed',
        errorInfo: expect.objectContaining({ code: '400', subCode: '8508', message: CANCELLED_RESULT.message }),
        completionReason: 'operationCanceled',
      }),
    });
    expect(cancelled?.resourceData).not.toHaveProperty('resultInfo');
    expect(cancelled?.resourceUrl).toBeUndefined();
    expect(cancelReport).toEqual({
      changeType: 'deleted',
      resource: `/app/calls/${support.id}/operations/${cancel.id}`,
      resourceData: expect.objectContaining({
        '@odata.type': '#microsoft.graph.commsOperation',
        '@odata.id': `/app/calls/${support.id}/operations/${cancel.id}`,
        id: cancel.id,
        clientContext: 'only-current',
        status: 'completed',
      }),
    });

    sim.advanceBy(2 * SEEDED_PROMPT_MS);
    const later = sim.takeNotifications();
    expect(endedIds(later)).toEqual([welcomeId, menuId]);
    expect(later.map((n) => n.at)).toEqual([NOW + 1_000 + SEEDED_PROMPT_MS, NOW + 1_000 + 2 * SEEDED_PROMPT_MS]);
    for (const n of later.map(item)) {
      expect(n.resource).toMatch(new RegExp(`^/app/calls/${support.id}/operations/`));
      expect(n.resourceData).toMatchObject({ status: 'completed' });
      expect(n.resourceData).not.toHaveProperty('errorInfo');
      expect(n.resourceData).not.toHaveProperty('resultInfo');
    }
  });

  it('all:true cancels everything and reports each in the 2018 shape, then the cancel itself', () => {
    const { sim, support, recordingId, welcomeId, menuId } = demo();
    const cancel = sim.cancelMediaProcessing(support, { all: true, clientContext: 'everything', version: 'beta-2018' });
    const sent = sim.takeNotifications().map(item);
    expect(sent.map((n) => n.resource)).toEqual([
      `/app/calls/${support.id}/operations/${recordingId}`,
      `/app/calls/${support.id}/operations/${welcomeId}`,
      `/app/calls/${support.id}/operations/${menuId}`,
      `/app/calls/${support.id}/operations/${cancel.id}`,
    ]);
    expect(sent.slice(0, 3).map((n) => n.resourceData.status)).toEqual(['failed', 'failed', 'failed']);
    expect(sent[3]?.resourceData).toMatchObject({ '@odata.type': '#microsoft.graph.commsOperation', id: cancel.id, clientContext: 'everything', status: 'completed' });
    for (const n of sent) expect(n.resourceUrl).toBeUndefined();
  });

  it('on an idle call reports only the completed cancel', () => {
    const { sim, idle } = demo();
    const cancel = sim.cancelMediaProcessing(idle, { all: true, clientContext: 'idle', version: 'beta-2018' });
    const sent = sim.takeNotifications().map(item);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ resource: `/app/calls/${idle.id}/operations/${cancel.id}`, resourceData: { status: 'completed' } });
  });

  it('the call reports in the shape of the API last used on it', () => {
    const { sim, idle } = demo();
    const legacy = sim.startMedia(idle, 'playPrompt', { ...media, version: 'beta-2018' });
    sim.advanceBy(media.durationMs);
    expect(item(sim.takeNotifications()[0]).resource).toBe(`/app/calls/${idle.id}/operations/${legacy.id}`);
    const current = sim.startMedia(idle, 'playPrompt', media);
    sim.advanceBy(media.durationMs);
    expect(item(sim.takeNotifications()[0]).resourceUrl).toBe(`/communications/calls/${idle.id}/operations/${current.id}`);
  });
});

describe('CallSimulator: snapshot and restore', () => {
  it('snapshot is a copy', () => {
    const { sim, support } = demo();
    const snap = sim.snapshot();
    for (const call of snap.calls) call.queuedOperationIds = [];
    snap.now = 0;
    expect(support.queuedOperationIds).toHaveLength(2);
    expect(sim.now).toBe(NOW);
  });

  it('restore is a copy too', () => {
    const { sim } = demo();
    const snap = sim.snapshot();
    const restored = CallSimulator.restore(snap);
    restored.advanceBy(SEEDED_RECORDING_MS);
    expect(snap.now).toBe(NOW);
    expect(snap.outbox).toEqual([]);
  });

  it.each([
    ['structured', (s: ReturnType<CallSimulator['snapshot']>) => s],
    ['JSON', (s: ReturnType<CallSimulator['snapshot']>) => JSON.parse(JSON.stringify(s)) as ReturnType<CallSimulator['snapshot']>],
  ])('round-trips (%s) and the restored simulator continues identically', (_how, persist) => {
    const { sim, support, idle } = demo(3);
    sim.startMedia(idle, 'recordResponse', { ...media, durationMs: 40_000 });
    sim.advanceBy(10_000);
    sim.cancelMediaProcessing(support, { all: false, clientContext: 'half', version: 'beta-2018' });
    sim.startMedia(idle, 'playPrompt', media);
    const snap = sim.snapshot();
    const restored = CallSimulator.restore(persist(snap));
    expect(restored.snapshot()).toEqual(snap);

    const steps = (s: CallSimulator) => {
      const supportCall = s.getCall(support.id);
      const idleCall = s.getCall(idle.id);
      if (!supportCall || !idleCall) throw new Error('lost a call');
      const out: unknown[] = [s.newGuid()];
      s.advanceBy(SEEDED_PROMPT_MS);
      out.push(s.startMedia(supportCall, 'playPrompt', media).id);
      out.push(s.cancelMediaProcessing(idleCall, { all: true, clientContext: 'all', version: 'v1.0' }).id);
      s.advanceBy(60_000);
      out.push(s.takeNotifications(), s.knownCalls(), s.now);
      return out;
    };
    expect(steps(restored)).toEqual(steps(sim));
    expect(JSON.parse(JSON.stringify(restored.snapshot()))).toEqual(JSON.parse(JSON.stringify(sim.snapshot())));
  });
});

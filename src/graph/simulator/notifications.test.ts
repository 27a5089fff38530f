import { describe, expect, it } from 'vitest';
import { commsNotificationsSchema } from '../schemas';
import type { SimCall, SimOperation, WireVersion } from './model';
import {
  legacyCancelCompletedNotification,
  operationEndedNotification,
  operationPath,
  operationResource,
  operationResourceType,
} from './notifications';

const call = (wireVersion: WireVersion): SimCall => ({
  id: 'call-1',
  label: 'c',
  state: 'established',
  callbackUri: 'https://bot.example/cb',
  participants: [],
  queuedOperationIds: [],
  toneOperationIds: [],
  wireVersion,
});

const CREATED = Date.UTC(2026, 0, 2, 3, 4, 5);
const op = (patch: Partial<SimOperation>): SimOperation => ({
  id: 'op-1',
  callId: 'call-1',
  kind: 'playPrompt',
  clientContext: 'ctx',
  status: 'running',
  durationMs: 1,
  createdAt: CREATED,
  ...patch,
});

describe('notifications', () => {
  it('names each operation kind by its Graph resource type', () => {
    expect(operationResourceType('playPrompt')).toBe('#microsoft.graph.playPromptOperation');
    expect(operationResourceType('recordResponse')).toBe('#microsoft.graph.recordOperation');
    expect(operationResourceType('subscribeToTone')).toBe('#microsoft.graph.subscribeToToneOperation');
    expect(operationResourceType('cancelMediaProcessing')).toBe('#microsoft.graph.cancelMediaProcessingOperation');
  });

  it('uses /communications/calls in v1.0 and beta, /app/calls in the 2018 beta', () => {
    expect(operationPath('v1.0', 'call-1', 'op-1')).toBe('/communications/calls/call-1/operations/op-1');
    expect(operationPath('beta', 'call-1', 'op-1')).toBe('/communications/calls/call-1/operations/op-1');
    expect(operationPath('beta-2018', 'call-1', 'op-1')).toBe('/app/calls/call-1/operations/op-1');
  });

  it('a running operation carries no resultInfo', () => {
    const resource = operationResource(op({}), 'v1.0');
    expect(resource).toEqual({ '@odata.type': '#microsoft.graph.playPromptOperation', id: 'op-1', status: 'running', clientContext: 'ctx' });
  });

  it('a failed operation carries 400/8508, a completed one 200/0', () => {
    expect(operationResource(op({ status: 'failed' }), 'v1.0').resultInfo).toEqual({
      '@odata.type': '#microsoft.graph.resultInfo',
      code: 400,
      subcode: 8508,
      message: 'Action failed, the operation was cancelled.',
    });
    expect(operationResource(op({ status: 'completed' }), 'beta').resultInfo).toMatchObject({ code: 200, subcode: 0 });
  });

  it('the 2018 beta reports errorInfo with string codes, its two times and a playPrompt’s prompts', () => {
    const prompts = [{ '@odata.type': '#microsoft.graph.mediaPrompt' }];
    const resource = operationResource(op({ status: 'failed', startedAt: CREATED + 1_000, endedAt: CREATED + 2_000, prompts }), 'beta-2018');
    expect(resource).toEqual({
      '@odata.type': '#microsoft.graph.playPromptOperation',
      id: 'op-1',
      status: 'failed',
      clientContext: 'ctx',
      createdDateTime: '2026-01-02T03:04:05.000Z',
      lastActionDateTime: '2026-01-02T03:04:07.000Z',
      errorInfo: { '@odata.type': '#microsoft.graph.resultInfo', code: '400', subCode: '8508', message: 'Action failed, the operation was cancelled.' },
      prompts,
    });
    expect(operationResource(op({ kind: 'playPrompt' }), 'beta-2018').prompts).toEqual([]);
  });

  it('completionReason appears on a recordOperation in beta and the 2018 beta, never in v1.0', () => {
    const recording = op({ kind: 'recordResponse', status: 'failed', completionReason: 'operationCanceled' });
    expect(operationResource(recording, 'beta').completionReason).toBe('operationCanceled');
    expect(operationResource(recording, 'beta-2018').completionReason).toBe('operationCanceled');
    expect('completionReason' in operationResource(recording, 'v1.0')).toBe(false);
    expect('completionReason' in operationResource(op({ kind: 'playPrompt', status: 'failed', completionReason: 'operationCanceled' }), 'beta')).toBe(false);
  });

  it.each(['v1.0', 'beta'] as const)('%s: an ended operation is a deleted commsNotification with resourceUrl, @odata.id and @odata.etag', (version) => {
    const body = operationEndedNotification(call(version), op({ status: 'failed', revision: 3 }));
    expect(body['@odata.type']).toBe('#microsoft.graph.commsNotifications');
    expect(body.value).toEqual([
      {
        '@odata.type': '#microsoft.graph.commsNotification',
        changeType: 'deleted',
        resourceUrl: '/communications/calls/call-1/operations/op-1',
        resourceData: expect.objectContaining({
          '@odata.id': '/communications/calls/call-1/operations/op-1',
          '@odata.etag': 'W/"3"',
          status: 'failed',
        }),
      },
    ]);
    expect(commsNotificationsSchema.safeParse(body).success).toBe(true);
  });

  it('an ended operation uses resource in the 2018 beta', () => {
    const body = operationEndedNotification(call('beta-2018'), op({ status: 'completed' }));
    expect(body['@odata.type']).toBe('#microsoft.graph.commsNotifications');
    expect(body.value[0]).toMatchObject({ changeType: 'deleted', resource: '/app/calls/call-1/operations/op-1' });
    expect(body.value[0]?.resourceUrl).toBeUndefined();
    expect(commsNotificationsSchema.safeParse(body).success).toBe(true);
  });

  it('the 2018 cancel is reported as a completed commsOperation, with its id, @odata.id and @odata.etag', () => {
    const body = legacyCancelCompletedNotification(
      call('beta-2018'),
      op({ id: 'cancel-1', kind: 'cancelMediaProcessing', clientContext: 'mine', status: 'completed', endedAt: CREATED }),
    );
    expect(body).toEqual({
      '@odata.type': '#microsoft.graph.commsNotifications',
      value: [
        {
          changeType: 'deleted',
          resource: '/app/calls/call-1/operations/cancel-1',
          resourceData: {
            '@odata.type': '#microsoft.graph.commsOperation',
            '@odata.id': '/app/calls/call-1/operations/cancel-1',
            '@odata.etag': 'W/"1"',
            id: 'cancel-1',
            clientContext: 'mine',
            status: 'completed',
            createdDateTime: '2026-01-02T03:04:05.000Z',
            lastActionDateTime: '2026-01-02T03:04:05.000Z',
          },
        },
      ],
    });
  });
});

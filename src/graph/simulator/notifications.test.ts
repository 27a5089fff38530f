import { describe, expect, it } from 'vitest';
import { commsNotificationsSchema } from '../schemas';
import type { SimCall, SimOperation } from './model';
import {
  legacyCancelCompletedNotification,
  operationEndedNotification,
  operationPath,
  operationResource,
  operationResourceType,
} from './notifications';

const call = (style: SimCall['notificationStyle']): SimCall => ({
  id: 'call-1',
  label: 'c',
  state: 'established',
  callbackUri: 'https://bot.example/cb',
  participants: [],
  queuedOperationIds: [],
  toneOperationIds: [],
  notificationStyle: style,
});

const op = (patch: Partial<SimOperation>): SimOperation => ({
  id: 'op-1',
  callId: 'call-1',
  kind: 'playPrompt',
  clientContext: 'ctx',
  status: 'running',
  durationMs: 1,
  createdAt: 0,
  ...patch,
});

describe('notifications', () => {
  it('names each operation kind by its Graph resource type', () => {
    expect(operationResourceType('playPrompt')).toBe('#microsoft.graph.playPromptOperation');
    expect(operationResourceType('recordResponse')).toBe('#microsoft.graph.recordOperation');
    expect(operationResourceType('subscribeToTone')).toBe('#microsoft.graph.subscribeToToneOperation');
    expect(operationResourceType('cancelMediaProcessing')).toBe('#microsoft.graph.cancelMediaProcessingOperation');
  });

  it('uses /communications/calls today and /app/calls in the 2018 style', () => {
    expect(operationPath(call('current'), 'op-1')).toBe('/communications/calls/call-1/operations/op-1');
    expect(operationPath(call('legacy'), 'op-1')).toBe('/app/calls/call-1/operations/op-1');
  });

  it('a running operation carries no resultInfo', () => {
    const resource = operationResource(op({}));
    expect(resource).toEqual({ '@odata.type': '#microsoft.graph.playPromptOperation', id: 'op-1', status: 'running', clientContext: 'ctx' });
  });

  it('a failed operation carries 400/8508, a completed one 200/0', () => {
    expect(operationResource(op({ status: 'failed' })).resultInfo).toEqual({
      '@odata.type': '#microsoft.graph.resultInfo',
      code: 400,
      subcode: 8508,
      message: 'Action failed, the operation was cancelled.',
    });
    expect(operationResource(op({ status: 'completed' })).resultInfo).toMatchObject({ code: 200, subcode: 0 });
  });

  it('completionReason appears only on a recordOperation', () => {
    expect(operationResource(op({ kind: 'recordResponse', status: 'failed', completionReason: 'operationCanceled' })).completionReason).toBe(
      'operationCanceled',
    );
    expect('completionReason' in operationResource(op({ kind: 'playPrompt', status: 'failed', completionReason: 'operationCanceled' }))).toBe(
      false,
    );
  });

  it('an ended operation is a deleted commsNotification with resourceUrl today', () => {
    const body = operationEndedNotification(call('current'), op({ status: 'failed' }));
    expect(body.value).toEqual([
      {
        '@odata.type': '#microsoft.graph.commsNotification',
        changeType: 'deleted',
        resourceUrl: '/communications/calls/call-1/operations/op-1',
        resourceData: expect.objectContaining({ '@odata.id': '/communications/calls/call-1/operations/op-1', status: 'failed' }),
      },
    ]);
    expect(commsNotificationsSchema.safeParse(body).success).toBe(true);
  });

  it('an ended operation uses resource in the 2018 style', () => {
    const body = operationEndedNotification(call('legacy'), op({ status: 'completed' }));
    expect(body.value[0]).toMatchObject({ changeType: 'deleted', resource: '/app/calls/call-1/operations/op-1' });
    expect(body.value[0]?.resourceUrl).toBeUndefined();
    expect(commsNotificationsSchema.safeParse(body).success).toBe(true);
  });

  it('the 2018 cancel is reported as a completed commsOperation', () => {
    const body = legacyCancelCompletedNotification(call('legacy'), op({ id: 'cancel-1', kind: 'cancelMediaProcessing', clientContext: 'mine' }));
    expect(body).toEqual({
      value: [
        {
          changeType: 'deleted',
          resource: '/app/calls/call-1/operations/cancel-1',
          resourceData: { '@odata.type': '#microsoft.graph.commsOperation', clientContext: 'mine', status: 'completed' },
        },
      ],
    });
  });
});

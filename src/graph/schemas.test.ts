import { describe, expect, it } from 'vitest';
import {
  cancelBodySchema,
  CLIENT_CONTEXT_MAX,
  clientContextSchema,
  commsNotificationSchema,
  commsNotificationsSchema,
  graphErrorSchema,
  legacyCancelBodySchema,
  operationSchema,
  relayMessageSchema,
} from './schemas';

const OP_URL = '/communications/calls/421f0700-6fd0-4a36-8c3c-1b3e7a1f0a21/operations/op-1';
const LEGACY_URL = '/app/calls/421f0700-6fd0-4a36-8c3c-1b3e7a1f0a21/operations/op-1';

describe('clientContext', () => {
  it('allows at most 256 characters', () => {
    expect(CLIENT_CONTEXT_MAX).toBe(256);
    expect(clientContextSchema.safeParse('').success).toBe(true);
    expect(clientContextSchema.safeParse('x'.repeat(256)).success).toBe(true);
    const tooLong = clientContextSchema.safeParse('x'.repeat(257));
    expect(tooLong.success).toBe(false);
    expect(tooLong.error?.issues[0]?.message).toBe('clientContext must be at most 256 characters');
  });

  it('must be a string', () => {
    expect(clientContextSchema.safeParse(12).success).toBe(false);
  });
});

describe('cancel bodies', () => {
  it('v1.0 and beta take clientContext only', () => {
    expect(cancelBodySchema.parse({ clientContext: 'abc' })).toEqual({ clientContext: 'abc' });
    expect(cancelBodySchema.parse({})).toEqual({});
    const withAll = cancelBodySchema.safeParse({ all: true, clientContext: 'abc' });
    expect(withAll.success).toBe(false);
    expect(withAll.error?.issues[0]).toMatchObject({ code: 'unrecognized_keys', keys: ['all'] });
    expect(cancelBodySchema.safeParse({ clientContext: 'x'.repeat(257) }).success).toBe(false);
  });

  it('the 2018 beta takes all and clientContext', () => {
    expect(legacyCancelBodySchema.parse({ all: false, clientContext: 'abc' })).toEqual({ all: false, clientContext: 'abc' });
    expect(legacyCancelBodySchema.safeParse({ all: 'yes' }).success).toBe(false);
    expect(legacyCancelBodySchema.safeParse({ all: true, other: 1 }).success).toBe(false);
    expect(legacyCancelBodySchema.safeParse({ clientContext: 'x'.repeat(257) }).success).toBe(false);
  });
});

describe('operationSchema', () => {
  it('reads an operation and keeps unknown fields', () => {
    const parsed = operationSchema.parse({
      '@odata.type': '#microsoft.graph.recordOperation',
      id: 'op-1',
      status: 'failed',
      clientContext: 'c',
      resultInfo: { code: 400, subcode: 8508, message: 'Action failed, the operation was cancelled.', extra: true },
      completionReason: 'operationCanceled',
      recordingLocation: 'https://example/rec',
    });
    expect(parsed.recordingLocation).toBe('https://example/rec');
    expect(parsed.resultInfo).toMatchObject({ code: 400, subcode: 8508, extra: true });
  });

  it('accepts null clientContext and resultInfo, rejects an unknown status', () => {
    expect(operationSchema.safeParse({ status: 'running', clientContext: null, resultInfo: null }).success).toBe(true);
    expect(operationSchema.safeParse({ status: 'cancelled' }).success).toBe(false);
    expect(operationSchema.safeParse({}).success).toBe(false);
  });
});

describe('graphErrorSchema', () => {
  it('reads a Graph error with innerError', () => {
    const body = {
      error: {
        code: 'itemNotFound',
        message: 'nope',
        innerError: { 'request-id': 'r', 'client-request-id': 'c', date: '2026-01-01T00:00:00' },
      },
    };
    expect(graphErrorSchema.parse(body)).toEqual(body);
    expect(graphErrorSchema.safeParse({ error: { message: 'no code' } }).success).toBe(false);
    expect(graphErrorSchema.safeParse({ code: 'x', message: 'y' }).success).toBe(false);
  });
});

describe('commsNotifications', () => {
  it('accepts resourceUrl alone', () => {
    const parsed = commsNotificationsSchema.safeParse({
      value: [{ changeType: 'deleted', resourceUrl: OP_URL, resourceData: { status: 'failed' } }],
    });
    expect(parsed.success).toBe(true);
    expect(parsed.data?.value[0]?.resourceUrl).toBe(OP_URL);
  });

  it('accepts resource alone (older payloads)', () => {
    const parsed = commsNotificationsSchema.safeParse({ value: [{ changeType: 'deleted', resource: LEGACY_URL }] });
    expect(parsed.success).toBe(true);
    expect(parsed.data?.value[0]?.resource).toBe(LEGACY_URL);
  });

  it('accepts both together', () => {
    const parsed = commsNotificationsSchema.safeParse({
      value: [{ changeType: 'updated', resource: LEGACY_URL, resourceUrl: OP_URL }],
    });
    expect(parsed.success).toBe(true);
    expect(parsed.data?.value[0]).toMatchObject({ resource: LEGACY_URL, resourceUrl: OP_URL });
  });

  it('keeps unknown fields on the body and on each item', () => {
    const body = {
      '@odata.type': '#microsoft.graph.commsNotifications',
      validationTokens: ['t'],
      value: [
        {
          '@odata.type': '#microsoft.graph.commsNotification',
          changeType: 'created',
          resourceUrl: OP_URL,
          tenantId: 'tenant',
          resourceData: { status: 'running', future: { nested: 1 } },
        },
      ],
    };
    const parsed = commsNotificationsSchema.parse(body);
    expect(parsed).toEqual(body);
    expect(parsed.validationTokens).toEqual(['t']);
    expect(parsed.value[0]?.tenantId).toBe('tenant');
  });

  it('rejects an item with neither resourceUrl nor resource', () => {
    const item = commsNotificationSchema.safeParse({ changeType: 'deleted', resourceData: {} });
    expect(item.success).toBe(false);
    expect(item.error?.issues[0]?.message).toBe('each notification needs resourceUrl or resource');
    expect(
      commsNotificationsSchema.safeParse({ value: [{ changeType: 'deleted', resourceUrl: OP_URL }, { changeType: 'deleted' }] }).success,
    ).toBe(false);
  });

  it('rejects an unknown changeType, an empty value and a body without value', () => {
    expect(commsNotificationsSchema.safeParse({ value: [{ changeType: 'patched', resourceUrl: OP_URL }] }).success).toBe(false);
    expect(commsNotificationsSchema.safeParse({ value: [] }).success).toBe(false);
    expect(commsNotificationsSchema.safeParse({}).success).toBe(false);
    expect(commsNotificationsSchema.safeParse('not json').success).toBe(false);
  });
});

describe('relayMessageSchema', () => {
  it('reads hello', () => {
    expect(relayMessageSchema.parse({ type: 'hello', lastSeq: 0 })).toEqual({ type: 'hello', lastSeq: 0 });
    expect(relayMessageSchema.safeParse({ type: 'hello', lastSeq: -1 }).success).toBe(false);
    expect(relayMessageSchema.safeParse({ type: 'hello', lastSeq: 1.5 }).success).toBe(false);
    expect(relayMessageSchema.safeParse({ type: 'hello' }).success).toBe(false);
  });

  it('reads a notification and keeps its body as received', () => {
    const body = { value: [{ changeType: 'deleted', resource: LEGACY_URL, anything: 1 }] };
    const message = { type: 'notification', seq: 3, receivedAt: '2026-01-01T00:00:00.000Z', verified: true, source: 'graph', body };
    expect(relayMessageSchema.parse(message)).toEqual(message);
    for (const source of ['graph', 'forwarded', 'simulator']) {
      expect(relayMessageSchema.safeParse({ ...message, source }).success).toBe(true);
    }
  });

  it('rejects bad notifications', () => {
    const message = { type: 'notification', seq: 1, receivedAt: 'x', verified: false, source: 'simulator', body: null };
    expect(relayMessageSchema.safeParse(message).success).toBe(true);
    expect(relayMessageSchema.safeParse({ ...message, seq: 0 }).success).toBe(false);
    expect(relayMessageSchema.safeParse({ ...message, source: 'elsewhere' }).success).toBe(false);
    expect(relayMessageSchema.safeParse({ ...message, verified: 'yes' }).success).toBe(false);
    expect(relayMessageSchema.safeParse({ ...message, type: 'goodbye' }).success).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { callsInNotifications } from './known-calls';
import { callState, legacyOperationDeleted, operationDeleted } from './test-support/sample-notifications';

describe('calls seen in notifications', () => {
  it('reads the call id from resourceUrl, and the state from a call resource', () => {
    expect(callsInNotifications(operationDeleted('c1', 'o1'))).toEqual([{ callId: 'c1' }]);
    expect(callsInNotifications(callState('c2', 'established'))).toEqual([{ callId: 'c2', state: 'established' }]);
  });

  it('reads the 2018 forms: resource under /app/calls and /applications/{id}/calls', () => {
    expect(callsInNotifications(legacyOperationDeleted('c3', 'o1'))).toEqual([{ callId: 'c3' }]);
    expect(callsInNotifications({ value: [{ changeType: 'updated', resource: '/applications/app-1/calls/c4/participants' }] })).toEqual([{ callId: 'c4' }]);
  });

  it('takes a deleted call as terminated when no state says otherwise', () => {
    expect(callsInNotifications({ value: [{ changeType: 'deleted', resourceUrl: '/communications/calls/c5' }] })).toEqual([{ callId: 'c5', state: 'terminated' }]);
  });

  it('ignores what does not name a call', () => {
    expect(callsInNotifications({ value: [{ changeType: 'updated', resourceUrl: '/communications/onlineMeetings/m1' }] })).toEqual([]);
    expect(callsInNotifications({ nothing: true })).toEqual([]);
    expect(callsInNotifications(null)).toEqual([]);
  });
});

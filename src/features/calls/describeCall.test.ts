import { describe, expect, it } from 'vitest';
import { describeCall } from './describeCall';

const base = { id: '2ae8f1c2-b38d-4633-bced-067a892491ce', participants: [], queuedMedia: 0 };

describe('describeCall', () => {
  it('names a simulator call by its label, state and media', () => {
    expect(describeCall({ ...base, label: 'Support line', state: 'established', runningMedia: 'recordResponse', queuedMedia: 2 })).toBe(
      'Support line — established, recording, 2 queued',
    );
    expect(describeCall({ ...base, label: 'Sales follow-up', state: 'established' })).toBe('Sales follow-up — established, no media');
  });

  it('says of a call known only from notifications that its state was not reported, and when it was last heard of', () => {
    const lastSeenAt = '2026-11-27T11:30:15.000Z';
    expect(describeCall({ ...base, state: 'unknown', lastSeenAt })).toBe(
      `Call 2ae8f1c2 — state not reported, last notification ${new Date(lastSeenAt).toLocaleTimeString()}`,
    );
    expect(describeCall({ ...base, state: 'terminated', lastSeenAt: 'not a date' })).toBe('Call 2ae8f1c2 — terminated');
  });
});

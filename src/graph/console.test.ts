import { describe, expect, it } from 'vitest';
import { consoleConfigSchema, knownCallsSchema } from './console';
import { CallSimulator } from './simulator/simulator';

describe('console contracts', () => {
  it('the simulator’s known calls satisfy the known-calls contract', () => {
    const sim = CallSimulator.create({ now: Date.UTC(2026, 0, 1) });
    const parsed = knownCallsSchema.safeParse({ calls: sim.knownCalls() });
    expect(parsed.success).toBe(true);
    expect(parsed.data?.calls).toHaveLength(3);
  });

  it('rejects a call without state or with negative queued media', () => {
    const call = { id: 'c', state: 'established', participants: [], queuedMedia: 0 };
    expect(knownCallsSchema.safeParse({ calls: [call] }).success).toBe(true);
    expect(knownCallsSchema.safeParse({ calls: [{ ...call, state: undefined }] }).success).toBe(false);
    expect(knownCallsSchema.safeParse({ calls: [{ ...call, queuedMedia: -1 }] }).success).toBe(false);
  });

  it('reads the config, with the reason live is off', () => {
    expect(consoleConfigSchema.parse({ live: { available: false, reason: 'no credentials' } })).toEqual({
      live: { available: false, reason: 'no credentials' },
    });
    expect(consoleConfigSchema.safeParse({ live: {} }).success).toBe(false);
  });
});

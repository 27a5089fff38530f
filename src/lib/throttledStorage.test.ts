import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { throttledLocalStorage } from './throttledStorage';

describe('throttledLocalStorage', () => {
  const items = new Map<string, string>();
  const writes: string[] = [];
  beforeEach(() => {
    vi.useFakeTimers();
    items.clear();
    writes.length = 0;
    vi.stubGlobal('localStorage', {
      getItem: (key: string) => items.get(key) ?? null,
      setItem: (key: string, value: string) => {
        writes.push(value);
        items.set(key, value);
      },
      removeItem: (key: string) => items.delete(key),
    });
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('writes a burst of changes once, the last value, and reads the pending value back meanwhile', () => {
    const storage = throttledLocalStorage(1_000);
    for (let seq = 1; seq <= 100; seq++) storage.setItem('k', String(seq));
    expect(writes).toEqual([]);
    expect(storage.getItem('k')).toBe('100');
    vi.advanceTimersByTime(1_000);
    expect(writes).toEqual(['100']);
    expect(items.get('k')).toBe('100');
    // The same value again is not written again.
    storage.setItem('k', '100');
    vi.advanceTimersByTime(1_000);
    expect(writes).toEqual(['100']);
    storage.setItem('k', '101');
    vi.advanceTimersByTime(1_000);
    expect(writes).toEqual(['100', '101']);
  });

  it('removes at once, dropping a pending write', () => {
    const storage = throttledLocalStorage(1_000);
    storage.setItem('k', '1');
    storage.removeItem('k');
    vi.advanceTimersByTime(1_000);
    expect(items.has('k')).toBe(false);
    expect(storage.getItem('k')).toBeNull();
  });
});

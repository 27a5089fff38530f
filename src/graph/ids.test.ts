import { describe, expect, it } from 'vitest';
import { isGuid, nextRandom, seededGuid } from './ids';

const V4_SHAPE = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('isGuid', () => {
  it('accepts GUIDs in either case', () => {
    expect(isGuid('421f0700-6fd0-4a36-8c3c-1b3e7a1f0a21')).toBe(true);
    expect(isGuid('421F0700-6FD0-4A36-8C3C-1B3E7A1F0A21')).toBe(true);
  });

  it.each([
    ['empty', ''],
    ['too short', '421f0700-6fd0-4a36-8c3c-1b3e7a1f0a2'],
    ['too long', '421f0700-6fd0-4a36-8c3c-1b3e7a1f0a211'],
    ['non-hex digit', '421f0700-6fd0-4a36-8c3c-1b3e7a1f0a2g'],
    ['no dashes', '421f07006fd04a368c3c1b3e7a1f0a21'],
    ['braces', '{421f0700-6fd0-4a36-8c3c-1b3e7a1f0a21}'],
    ['leading space', ' 421f0700-6fd0-4a36-8c3c-1b3e7a1f0a21'],
    ['trailing newline', '421f0700-6fd0-4a36-8c3c-1b3e7a1f0a21\n'],
    ['a word', 'not-a-call-id'],
  ])('rejects %s', (_label, value) => {
    expect(isGuid(value)).toBe(false);
  });
});

describe('nextRandom', () => {
  it('is a pure function of its state, in [0, 1)', () => {
    const a = nextRandom(42);
    const b = nextRandom(42);
    expect(a).toEqual(b);
    expect(a.state).not.toBe(42);
    let state = 7;
    for (let i = 0; i < 1000; i += 1) {
      const drawn = nextRandom(state);
      expect(drawn.value).toBeGreaterThanOrEqual(0);
      expect(drawn.value).toBeLessThan(1);
      state = drawn.state;
    }
  });
});

describe('seededGuid', () => {
  it('is deterministic for a seed', () => {
    expect(seededGuid(2018)).toEqual(seededGuid(2018));
    const first = seededGuid(2018);
    const second = seededGuid(first.state);
    expect(seededGuid(seededGuid(2018).state)).toEqual(second);
  });

  it('gives different GUIDs for different seeds and for successive states', () => {
    const first = seededGuid(1);
    expect(seededGuid(2).guid).not.toBe(first.guid);
    expect(seededGuid(first.state).guid).not.toBe(first.guid);
  });

  it('is shaped like a version-4 GUID, and isGuid accepts it', () => {
    let state = 123;
    const seen = new Set<string>();
    for (let i = 0; i < 500; i += 1) {
      const drawn = seededGuid(state);
      expect(drawn.guid).toMatch(V4_SHAPE);
      expect(isGuid(drawn.guid)).toBe(true);
      seen.add(drawn.guid);
      state = drawn.state;
    }
    expect(seen.size).toBe(500);
  });

  it('advances the generator state', () => {
    expect(seededGuid(99).state).not.toBe(99);
  });
});

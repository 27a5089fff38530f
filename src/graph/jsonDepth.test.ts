import { describe, expect, it } from 'vitest';
import { jsonNestsDeeperThan } from './jsonDepth';

describe('jsonNestsDeeperThan', () => {
  it('counts arrays and objects, not brackets inside strings', () => {
    expect(jsonNestsDeeperThan('{"a":[{"b":1}]}', 3)).toBe(false);
    expect(jsonNestsDeeperThan('{"a":[{"b":[1]}]}', 3)).toBe(true);
    expect(jsonNestsDeeperThan('{"a":"[[[[[[{{{{"}', 1)).toBe(false);
    expect(jsonNestsDeeperThan('{"a":"\\"[[[[","b":{}}', 1)).toBe(true);
    expect(jsonNestsDeeperThan('{"a":"\\\\","b":[[]]}', 2)).toBe(true);
  });

  it('handles depth far beyond what recursion could, in one pass', () => {
    const depth = 200_000;
    expect(jsonNestsDeeperThan(`${'['.repeat(depth)}${']'.repeat(depth)}`, 64)).toBe(true);
    expect(jsonNestsDeeperThan(`${'[]'.repeat(depth)}`, 1)).toBe(false);
  });
});

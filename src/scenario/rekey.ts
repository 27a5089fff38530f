/**
 * Re-keying: every GUID in a scenario (calls, participants, operations,
 * request ids, Location headers, resource URLs) replaced by a new one, the same
 * old id always by the same new id, so the scenario still hangs together but
 * names no real call or user.
 */
import { seededGuid } from '../graph/ids';

const GUID_ANYWHERE = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

export interface Rekeyer {
  /** The new id for an old one (case-insensitive: Graph ids are). */
  map(guid: string): string;
  /** A copy of `value` with every GUID inside its strings and keys replaced. */
  apply<T>(value: T): T;
}

export function createRekeyer(seed: number): Rekeyer {
  const mapping = new Map<string, string>();
  let state = seed;
  const map = (guid: string): string => {
    const key = guid.toLowerCase();
    let mapped = mapping.get(key);
    if (!mapped) {
      const drawn = seededGuid(state);
      state = drawn.state;
      mapped = drawn.guid;
      mapping.set(key, mapped);
    }
    return guid === guid.toUpperCase() && guid !== guid.toLowerCase() ? mapped.toUpperCase() : mapped;
  };
  const inString = (text: string) => text.replace(GUID_ANYWHERE, map);
  const walk = (value: unknown): unknown => {
    if (typeof value === 'string') return inString(value);
    if (Array.isArray(value)) return value.map(walk);
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([key, inner]) => [inString(key), walk(inner)]));
    }
    return value;
  };
  return { map, apply: <T>(value: T) => walk(value) as T };
}

/** A seed for a one-off re-keying, where repeatability does not matter. */
export function randomSeed(): number {
  return Math.floor(Math.random() * 0x7fffffff);
}

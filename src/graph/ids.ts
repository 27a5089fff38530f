/** Identifiers as Graph uses them, and a seeded generator so mock runs repeat exactly. */

const GUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isGuid(value: string): boolean {
  return GUID_PATTERN.test(value);
}

/**
 * mulberry32: tiny, fast and good enough for ids. The whole generator state is
 * one 32-bit number, so a simulator can persist it and resume the same sequence.
 */
export function nextRandom(state: number): { value: number; state: number } {
  const next = (state + 0x6d2b79f5) | 0;
  let t = next;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return { value: ((t ^ (t >>> 14)) >>> 0) / 4294967296, state: next };
}

/** A version-4 shaped GUID drawn from the seeded generator. */
export function seededGuid(state: number): { guid: string; state: number } {
  let current = state;
  let hex = '';
  for (let i = 0; i < 32; i += 1) {
    const drawn = nextRandom(current);
    current = drawn.state;
    hex += Math.floor(drawn.value * 16).toString(16);
  }
  const variant = ((parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  const guid = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  return { guid, state: current };
}

/**
 * A per-case assertion for properties run 10,000 times: builds its message
 * only when it fails (vitest's expect costs tens of microseconds a call, and
 * the messages quote response bodies), and throws so fast-check shrinks.
 */
export function check(condition: boolean, message: () => string): void {
  if (!condition) throw new Error(message());
}

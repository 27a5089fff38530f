/**
 * A bound on how deeply a received JSON body may nest. V8's JSON.parse takes
 * any depth, but JSON.stringify recurses: a body nested a few thousand deep
 * (a few KB, well within MAX_BODY_BYTES) parses, is stored and answered 202,
 * and then overflows the stack every time the relay serialises it — for the
 * live broadcast and for every later replay, so each reconnecting browser is
 * cut off at that seq forever, and the UI that renders it would throw too.
 * Real commsNotifications nest about ten deep; refusing more at the door
 * (400) keeps such a body out of the store altogether.
 */

/** Generous for any Graph notification, far below where serialisers overflow. */
export const MAX_NOTIFICATION_JSON_DEPTH = 64;

/** Whether JSON text opens more than `maxDepth` nested arrays/objects, by one pass over the text (no recursion). */
export function jsonNestsDeeperThan(text: string, maxDepth: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (inString) {
      if (code === 0x5c) i += 1; // backslash: skip the escaped character
      else if (code === 0x22) inString = false;
      continue;
    }
    if (code === 0x22) inString = true;
    else if (code === 0x5b || code === 0x7b) {
      depth += 1;
      if (depth > maxDepth) return true;
    } else if (code === 0x5d || code === 0x7d) depth -= 1;
  }
  return false;
}

/**
 * What the notification endpoints must accept, stated from the contract
 * (docs/architecture.md: a commsNotifications JSON body within MAX_BODY_BYTES), so a
 * fuzz test can tell a wrongly accepted body from a rightly refused one.
 */
import { commsNotificationsSchema } from '../../../src/graph/schemas';
import { MAX_NOTIFICATION_JSON_DEPTH } from '../../../src/graph/jsonDepth';

export type BodyVerdict = { acceptable: true; canonical: string } | { acceptable: false; why: string };

/** Nesting depth of a parsed JSON value (a scalar is 0), without recursion. */
function depthOf(value: unknown): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop() as [unknown, number];
    if (typeof node !== 'object' || node === null) continue;
    deepest = Math.max(deepest, depth + 1);
    for (const child of Object.values(node)) stack.push([child, depth + 1]);
  }
  return deepest;
}

export function judgeNotificationBody(bytes: Buffer, limitBytes: number): BodyVerdict {
  if (bytes.length > limitBytes) return { acceptable: false, why: 'over the size limit' };
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch {
    return { acceptable: false, why: 'not JSON' };
  }
  if (depthOf(json) > MAX_NOTIFICATION_JSON_DEPTH) return { acceptable: false, why: 'nested too deep' };
  if (!commsNotificationsSchema.safeParse(json).success) return { acceptable: false, why: 'not commsNotifications' };
  return { acceptable: true, canonical: JSON.stringify(json) };
}

/** Whether a callback body is commsNotifications the console can keep, and why not when it is not. */
import { commsNotificationsSchema } from '../src/graph/schemas';
import { jsonNestsDeeperThan, MAX_NOTIFICATION_JSON_DEPTH } from './json-depth';

export type NotificationsBody = { ok: true; text: string; json: unknown } | { ok: false; status: 400; reason: string };

export function parseNotifications(text: string): NotificationsBody {
  // Deeper than any notification, and a body the relay could never serialise (see json-depth.ts).
  if (jsonNestsDeeperThan(text, MAX_NOTIFICATION_JSON_DEPTH)) {
    return { ok: false, status: 400, reason: `The body nests deeper than ${MAX_NOTIFICATION_JSON_DEPTH} levels; no commsNotifications does.` };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, status: 400, reason: `The body is not JSON: ${(error as Error).message}` };
  }
  const parsed = commsNotificationsSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(body)'}: ${issue.message}`);
    return { ok: false, status: 400, reason: `The body is not commsNotifications: ${problems.join('; ')}` };
  }
  return { ok: true, text, json };
}

/** Whether a callback body is commsNotifications the console can keep, and why not: the one check both doors and FORWARD_TO use. */
import { MAX_NOTIFICATION_JSON_DEPTH } from '../src/graph/jsonDepth';
import { commsNotificationsSchema } from '../src/graph/schemas';
import { parseUntrustedJson } from '../src/graph/untrustedJson';

export type NotificationsBody = { ok: true; text: string; json: unknown } | { ok: false; message: string };

/** `bytes` decoded as Node decodes (a BOM stays, and makes it not JSON), so what is stored is what was sent. */
export function parseNotifications(bytes: Uint8Array): NotificationsBody {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  // Too deep is also a body the relay could never serialise (see src/graph/jsonDepth.ts).
  const parsed = parseUntrustedJson(text, commsNotificationsSchema, { what: 'The body', expected: 'commsNotifications', maxDepth: MAX_NOTIFICATION_JSON_DEPTH });
  // What Graph sent is kept and relayed whole, fields the schema does not know included.
  return parsed.ok ? { ok: true, text, json: parsed.json } : { ok: false, message: parsed.message };
}

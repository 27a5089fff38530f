/** The notification log's stream entries: id `<seq>-0`, fields r (receivedAt), v (verified 1/0), s (source), b (the body as received). */
import type { NotificationSource, RelayNotification } from '../src/graph/schemas';
import type { StoredNotificationText } from './session-store';

export type StreamEntry = [id: string, fields: string[]];

export const seqOfStreamId = (id: string): number => Number(id.slice(0, id.indexOf('-')));
export const streamIdOf = (seq: number): string => `${seq}-0`;

/** An entry as stored, its body the JSON text received (a session read sends it on unparsed). */
export function toStoredNotificationText([id, fields]: StreamEntry): StoredNotificationText {
  const field: Record<string, string> = {};
  for (let i = 0; i + 1 < fields.length; i += 2) field[fields[i] ?? ''] = fields[i + 1] ?? '';
  return {
    seq: seqOfStreamId(id),
    receivedAt: field.r ?? '',
    verified: field.v === '1',
    source: (field.s ?? 'graph') as NotificationSource,
    bodyText: field.b ?? 'null',
  };
}

export function toRelayNotification(entry: StreamEntry): RelayNotification {
  const { bodyText, ...stored } = toStoredNotificationText(entry);
  return { type: 'notification', ...stored, body: JSON.parse(bodyText) as unknown };
}

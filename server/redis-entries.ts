/** The notification log's stream entries: id `<seq>-0`, fields r (receivedAt), v (verified 1/0), s (source), b (the body as received). */
import type { NotificationSource, RelayNotification } from '../src/graph/schemas';

export type StreamEntry = [id: string, fields: string[]];

export const seqOfStreamId = (id: string): number => Number(id.slice(0, id.indexOf('-')));
export const streamIdOf = (seq: number): string => `${seq}-0`;

export function toRelayNotification([id, fields]: StreamEntry): RelayNotification {
  const field: Record<string, string> = {};
  for (let i = 0; i + 1 < fields.length; i += 2) field[fields[i] ?? ''] = fields[i + 1] ?? '';
  return {
    type: 'notification',
    seq: seqOfStreamId(id),
    receivedAt: field.r ?? '',
    verified: field.v === '1',
    source: (field.s ?? 'graph') as NotificationSource,
    body: JSON.parse(field.b ?? 'null') as unknown,
  };
}

/** The notification log's stream entries: id `<seq>-0`, fields r (receivedAt), v (verified 1/0), s (source), b (the body as received). */
import type { NotificationSource, RelayNotification } from '../src/graph/schemas';
import type { StoredNotificationBytes } from './session-store';

export type StreamEntry = [id: string, fields: string[]];
/** An entry as ioredis's *Buffer commands return it: the body's bytes are never made a string. */
export type StreamEntryBytes = [id: Buffer, fields: Buffer[]];

export const seqOfStreamId = (id: string): number => Number(id.slice(0, id.indexOf('-')));
export const streamIdOf = (seq: number): string => `${seq}-0`;

function fieldsOf<Value>(fields: Value[], nameOf: (value: Value) => string): Map<string, Value> {
  const field = new Map<string, Value>();
  for (let i = 0; i + 1 < fields.length; i += 2) {
    const [name, value] = [fields[i], fields[i + 1]];
    if (name !== undefined && value !== undefined) field.set(nameOf(name), value);
  }
  return field;
}

/** An entry as stored, its body the bytes of the JSON text received (a session read sends them on unparsed). */
export function toStoredNotificationBytes([id, fields]: StreamEntryBytes): StoredNotificationBytes {
  const field = fieldsOf(fields, (name) => name.toString('latin1'));
  return {
    seq: seqOfStreamId(id.toString('latin1')),
    receivedAt: field.get('r')?.toString('utf8') ?? '',
    verified: field.get('v')?.toString('latin1') === '1',
    source: (field.get('s')?.toString('utf8') ?? 'graph') as NotificationSource,
    bodyJson: field.get('b') ?? Buffer.from('null'),
  };
}

export function toRelayNotification([id, fields]: StreamEntry): RelayNotification {
  const field = fieldsOf(fields, (name) => name);
  return {
    type: 'notification',
    seq: seqOfStreamId(id),
    receivedAt: field.get('r') ?? '',
    verified: field.get('v') === '1',
    source: (field.get('s') ?? 'graph') as NotificationSource,
    body: JSON.parse(field.get('b') ?? 'null') as unknown,
  };
}

/** Timeline events as the browser records them into a session. */
import type { RecordedEvent } from '../../src/graph/sessions';

/** The cancel request sent on call-1 with `id` as its request id and clientContext. */
export const cancelRequest = (id: string, at = '2026-11-30T01:00:00.000Z'): RecordedEvent => ({
  kind: 'request',
  id,
  at,
  callId: 'call-1',
  profile: 'v1.0',
  method: 'POST',
  path: '/v1.0/communications/calls/call-1/cancelMediaProcessing',
  body: { clientContext: id },
});

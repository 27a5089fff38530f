/**
 * Graph has no "list calls" API: the console learns its calls from the
 * notifications it receives. This reads, from one commsNotifications body,
 * which calls it mentions and, where it says so, their state.
 */

export interface CallSighting {
  callId: string;
  /** Only when the notification carries the call itself (a `#microsoft.graph.call` resourceData with a state). */
  state?: string;
}

// `/communications/calls/{id}`, and the 2018 `/app/calls/{id}` and `/applications/{appId}/calls/{id}`.
const CALL_IN_RESOURCE = /(?:^|\/)(?:communications|app|applications\/[^/]+)\/calls\/([^/?#]+)(\/[^?#]*)?/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function sightingOf(item: Record<string, unknown>): CallSighting | undefined {
  const resource = typeof item.resourceUrl === 'string' ? item.resourceUrl : typeof item.resource === 'string' ? item.resource : undefined;
  const match = CALL_IN_RESOURCE.exec(resource ?? '');
  const rawId = match?.[1];
  if (!rawId) return undefined;
  let callId: string;
  try {
    callId = decodeURIComponent(rawId);
  } catch {
    callId = rawId;
  }
  const data = item.resourceData;
  if (isRecord(data) && data['@odata.type'] === '#microsoft.graph.call' && typeof data.state === 'string') {
    return { callId, state: data.state };
  }
  // The call itself deleted, without a state saying so: it has ended.
  const isTheCallItself = !match[2] || match[2] === '/';
  if (isTheCallItself && item.changeType === 'deleted') return { callId, state: 'terminated' };
  return { callId };
}

/** Every call a commsNotifications body mentions, in the order of its items. */
export function callsInNotifications(body: unknown): CallSighting[] {
  if (!isRecord(body) || !Array.isArray(body.value)) return [];
  return body.value.filter(isRecord).flatMap((item) => sightingOf(item) ?? []);
}

import { findLane, type RequestEntry, type Timeline } from '../../graph/timeline';

/** The last cancel sent, by the log's order, if any. */
export function latestCancel(timeline: Timeline): RequestEntry | undefined {
  let latest: RequestEntry | undefined;
  for (const request of Object.values(timeline.requests)) {
    if (request.action === 'cancelMediaProcessing' && (!latest || request.place >= latest.place)) latest = request;
  }
  return latest;
}

/**
 * One sentence for screen readers about a cancel and everything it did: "Cancel answered 200;
 * 3 operations cancelled: playPrompt c0842457, playPrompt d1204f3e, record 114b2c9d."
 */
export function cancelSummary(cancel: RequestEntry, timeline: Timeline): string {
  if (!cancel.response) return '';
  const status = cancel.response.status;
  if (status < 200 || status >= 300) return `Cancel answered ${status}: nothing was cancelled.`;
  // Looked up by id (not a map of every lane): this is worked out again with every relay batch.
  const ended = cancel.cancelledOperationIds.map((id) => `${findLane(timeline, id)?.type ?? 'operation'} ${id.slice(0, 8)}`);
  if (ended.length === 0) return `Cancel answered ${status}; no operation reported cancelled yet.`;
  return `Cancel answered ${status}; ${ended.length} operation${ended.length === 1 ? '' : 's'} cancelled: ${ended.join(', ')}.`;
}

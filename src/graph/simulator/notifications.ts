/**
 * Operations and commsNotifications as Graph writes them, per API version:
 * v1.0 and today's beta share one shape (beta adds a recording's
 * completionReason); the 2018 beta has its own (`errorInfo` with string codes
 * instead of `resultInfo`, on a failed operation only, `createdDateTime`, `lastActionDateTime`, a
 * playPromptOperation's `prompts`, `resource` instead of `resourceUrl`).
 * docs/architecture.md, "Graph wire format per version", says where each rule comes from.
 */
import { CANCELLED_RESULT, COMPLETED_RESULT } from '../errors';
import type { NotificationBody, SimCall, SimOperation, WireVersion } from './model';

const RESOURCE_TYPE: Record<SimOperation['kind'], string> = {
  playPrompt: '#microsoft.graph.playPromptOperation',
  recordResponse: '#microsoft.graph.recordOperation',
  subscribeToTone: '#microsoft.graph.subscribeToToneOperation',
  cancelMediaProcessing: '#microsoft.graph.cancelMediaProcessingOperation',
};

/** The 2018 doc reports the cancel itself as a plain commsOperation. */
const LEGACY_CANCEL_TYPE = '#microsoft.graph.commsOperation';

export function operationResourceType(kind: SimOperation['kind']): string {
  return RESOURCE_TYPE[kind];
}

export function operationPath(version: WireVersion, callId: string, operationId: string): string {
  return version === 'beta-2018' ? `/app/calls/${callId}/operations/${operationId}` : `/communications/calls/${callId}/operations/${operationId}`;
}

function lastActionAt(operation: SimOperation): number {
  return operation.endedAt ?? operation.startedAt ?? operation.createdAt;
}

function result(operation: SimOperation): { code: number; subcode: number; message: string } | undefined {
  if (operation.status === 'completed') return COMPLETED_RESULT;
  if (operation.status === 'failed') return CANCELLED_RESULT;
  return undefined;
}

/** The operation as a Graph resource in a version's shape, the way answers and notifications carry it. */
export function operationResource(operation: SimOperation, version: WireVersion): Record<string, unknown> {
  const resource: Record<string, unknown> = {
    '@odata.type': RESOURCE_TYPE[operation.kind],
    id: operation.id,
    status: operation.status,
    clientContext: operation.clientContext,
  };
  const outcome = result(operation);
  if (version === 'beta-2018') {
    resource.createdDateTime = new Date(operation.createdAt).toISOString();
    resource.lastActionDateTime = new Date(lastActionAt(operation)).toISOString();
    // errorInfo says what went wrong: the 2018 doc's completed operation has none.
    if (outcome && operation.status === 'failed') {
      resource.errorInfo = { '@odata.type': '#microsoft.graph.resultInfo', code: String(outcome.code), subCode: String(outcome.subcode), message: outcome.message };
    }
    if (operation.kind === 'playPrompt') resource.prompts = operation.prompts ?? [];
  } else if (outcome) {
    resource.resultInfo = { '@odata.type': '#microsoft.graph.resultInfo', ...outcome };
  }
  // v1.0 does not declare completionReason; today's beta and the 2018 beta do, on a recording.
  if (version !== 'v1.0' && operation.kind === 'recordResponse' && operation.completionReason) {
    resource.completionReason = operation.completionReason;
  }
  return resource;
}

function etag(operation: SimOperation): string {
  return `W/"${operation.revision ?? 1}"`;
}

function notification(version: WireVersion, call: SimCall, operationId: string, resourceData: Record<string, unknown>): NotificationBody {
  const path = operationPath(version, call.id, operationId);
  const item: Record<string, unknown> =
    version === 'beta-2018'
      ? { changeType: 'deleted', resource: path }
      : { '@odata.type': '#microsoft.graph.commsNotification', changeType: 'deleted', resourceUrl: path };
  item.resourceData = resourceData;
  return { '@odata.type': '#microsoft.graph.commsNotifications', value: [item] };
}

/** A media operation ended: Graph deletes it and says how it ended. */
export function operationEndedNotification(call: SimCall, operation: SimOperation): NotificationBody {
  const path = operationPath(call.wireVersion, call.id, operation.id);
  return notification(call.wireVersion, call, operation.id, {
    ...operationResource(operation, call.wireVersion),
    '@odata.id': path,
    '@odata.etag': etag(operation),
  });
}

/** The 2018 beta reported the cancel itself as a completed commsOperation. */
export function legacyCancelCompletedNotification(call: SimCall, operation: SimOperation): NotificationBody {
  const path = operationPath('beta-2018', call.id, operation.id);
  return notification('beta-2018', call, operation.id, {
    ...operationResource({ ...operation, status: 'completed' }, 'beta-2018'),
    '@odata.type': LEGACY_CANCEL_TYPE,
    '@odata.id': path,
    '@odata.etag': etag(operation),
  });
}

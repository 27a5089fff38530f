/** The commsNotifications bodies Graph posts, in today's and in the 2018 shape. */
import { CANCELLED_RESULT, COMPLETED_RESULT } from '../errors';
import type { SimCall, SimOperation } from './model';

const RESOURCE_TYPE: Record<SimOperation['kind'], string> = {
  playPrompt: '#microsoft.graph.playPromptOperation',
  recordResponse: '#microsoft.graph.recordOperation',
  subscribeToTone: '#microsoft.graph.subscribeToToneOperation',
  cancelMediaProcessing: '#microsoft.graph.cancelMediaProcessingOperation',
};

export function operationResourceType(kind: SimOperation['kind']): string {
  return RESOURCE_TYPE[kind];
}

export function operationPath(call: SimCall, operationId: string): string {
  return call.notificationStyle === 'legacy'
    ? `/app/calls/${call.id}/operations/${operationId}`
    : `/communications/calls/${call.id}/operations/${operationId}`;
}

/** The operation as a Graph resource, the way answers and notifications carry it. */
export function operationResource(operation: SimOperation): Record<string, unknown> {
  const resource: Record<string, unknown> = {
    '@odata.type': RESOURCE_TYPE[operation.kind],
    id: operation.id,
    status: operation.status,
    clientContext: operation.clientContext,
  };
  if (operation.status === 'completed') resource.resultInfo = { '@odata.type': '#microsoft.graph.resultInfo', ...COMPLETED_RESULT };
  if (operation.status === 'failed') resource.resultInfo = { '@odata.type': '#microsoft.graph.resultInfo', ...CANCELLED_RESULT };
  if (operation.kind === 'recordResponse' && operation.completionReason) {
    resource.completionReason = operation.completionReason;
  }
  return resource;
}

/** A media operation ended: Graph deletes it and says how it ended. */
export function operationEndedNotification(call: SimCall, operation: SimOperation): { value: Record<string, unknown>[] } {
  const path = operationPath(call, operation.id);
  const item: Record<string, unknown> =
    call.notificationStyle === 'legacy'
      ? { changeType: 'deleted', resource: path }
      : { '@odata.type': '#microsoft.graph.commsNotification', changeType: 'deleted', resourceUrl: path };
  item.resourceData = { ...operationResource(operation), '@odata.id': path };
  return { value: [item] };
}

/** The 2018 beta reported the cancel itself as a completed commsOperation. */
export function legacyCancelCompletedNotification(call: SimCall, operation: SimOperation): { value: Record<string, unknown>[] } {
  return {
    value: [
      {
        changeType: 'deleted',
        resource: `/app/calls/${call.id}/operations/${operation.id}`,
        resourceData: {
          '@odata.type': '#microsoft.graph.commsOperation',
          clientContext: operation.clientContext,
          status: 'completed',
        },
      },
    ],
  };
}

/** commsNotifications bodies shaped as Graph sends them. */

export function operationDeleted(callId: string, operationId: string, clientContext = 'ctx'): Record<string, unknown> {
  return {
    value: [
      {
        '@odata.type': '#microsoft.graph.commsNotification',
        changeType: 'deleted',
        resourceUrl: `/communications/calls/${callId}/operations/${operationId}`,
        resourceData: {
          '@odata.type': '#microsoft.graph.playPromptOperation',
          id: operationId,
          clientContext,
          status: 'failed',
          resultInfo: { code: 400, subcode: 8508, message: 'Action failed, the operation was cancelled.' },
        },
      },
    ],
  };
}

export function callState(callId: string, state: string): Record<string, unknown> {
  return {
    value: [
      {
        '@odata.type': '#microsoft.graph.commsNotification',
        changeType: 'updated',
        resourceUrl: `/communications/calls/${callId}`,
        resourceData: { '@odata.type': '#microsoft.graph.call', id: callId, state },
      },
    ],
  };
}

/** The 2018 beta form: `resource` under /app/calls. */
export function legacyOperationDeleted(callId: string, operationId: string): Record<string, unknown> {
  return {
    value: [
      {
        changeType: 'deleted',
        resource: `/app/calls/${callId}/operations/${operationId}`,
        resourceData: { '@odata.type': '#microsoft.graph.commsOperation', clientContext: 'c', status: 'completed' },
      },
    ],
  };
}

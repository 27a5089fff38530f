/** Graph's error body and status texts, shared by the simulator, the proxy and the UI. */
import type { GraphError } from './schemas';

export interface ErrorIds {
  requestId: string;
  clientRequestId: string;
  date: string;
}

export function graphErrorBody(code: string, message: string, ids: ErrorIds): GraphError {
  return {
    error: {
      code,
      message,
      innerError: { 'request-id': ids.requestId, 'client-request-id': ids.clientRequestId, date: ids.date },
    },
  };
}

export const STATUS_TEXT: Record<number, string> = {
  200: 'OK',
  202: 'Accepted',
  204: 'No Content',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Payload Too Large',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

export function statusLine(status: number): string {
  return `${status} ${STATUS_TEXT[status] ?? ''}`.trim();
}

/** Graph's cancelled-operation result, as documented. */
export const CANCELLED_RESULT = { code: 400, subcode: 8508, message: 'Action failed, the operation was cancelled.' } as const;
export const COMPLETED_RESULT = { code: 200, subcode: 0, message: 'Action completed successfully.' } as const;

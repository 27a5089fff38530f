import { describe, expect, it } from 'vitest';
import { CANCELLED_RESULT, COMPLETED_RESULT, graphErrorBody, statusLine } from './errors';
import { graphErrorSchema } from './schemas';

describe('graphErrorBody', () => {
  it('builds the Graph error shape with request-id, client-request-id and date', () => {
    const body = graphErrorBody('itemNotFound', 'Call x was not found.', {
      requestId: 'req-1',
      clientRequestId: 'client-1',
      date: '2026-11-27T10:00:00',
    });
    expect(body).toEqual({
      error: {
        code: 'itemNotFound',
        message: 'Call x was not found.',
        innerError: { 'request-id': 'req-1', 'client-request-id': 'client-1', date: '2026-11-27T10:00:00' },
      },
    });
    expect(graphErrorSchema.safeParse(body).success).toBe(true);
  });
});

describe('statusLine', () => {
  it('names the statuses the console shows', () => {
    expect(statusLine(200)).toBe('200 OK');
    expect(statusLine(202)).toBe('202 Accepted');
    expect(statusLine(400)).toBe('400 Bad Request');
    expect(statusLine(404)).toBe('404 Not Found');
    expect(statusLine(429)).toBe('429 Too Many Requests');
    expect(statusLine(599)).toBe('599');
  });
});

describe('results', () => {
  it('are the documented cancelled and completed resultInfo', () => {
    expect(CANCELLED_RESULT).toEqual({ code: 400, subcode: 8508, message: 'Action failed, the operation was cancelled.' });
    expect(COMPLETED_RESULT).toMatchObject({ code: 200, subcode: 0 });
  });
});

/** Small helpers for answering over node:http: JSON, Graph-format errors, bounded bodies. */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { graphErrorBody } from '../src/graph/errors';
import { noteForLog } from './log';

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    ...headers,
  });
  res.end(text);
}

/** An error in Graph's own shape, so the UI shows proxy and callback refusals like Graph's. */
export function sendGraphError(
  res: ServerResponse,
  status: number,
  code: string,
  message: string,
  clientRequestId: string = randomUUID(),
): void {
  const requestId = randomUUID();
  if (status >= 500 || status === 403 || status === 401) noteForLog(res, message);
  const body = graphErrorBody(code, message, { requestId, clientRequestId, date: new Date().toISOString() });
  sendJson(res, status, body, { 'request-id': requestId, 'client-request-id': clientRequestId });
}

export class BodyTooLargeError extends Error {
  constructor(readonly limitBytes: number) {
    super(`request body is larger than ${limitBytes} bytes`);
    this.name = 'BodyTooLargeError';
  }
}

/**
 * Reads the whole body, refusing (before reading, when Content-Length says so)
 * anything over the limit, so a client cannot make the server buffer without bound.
 */
export function readBody(req: IncomingMessage, limitBytes: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limitBytes) {
    req.resume(); // drain what is in flight so the connection can answer
    return Promise.reject(new BodyTooLargeError(limitBytes));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    let refused = false;
    req.on('data', (chunk: Buffer) => {
      if (refused) return;
      received += chunk.length;
      if (received > limitBytes) {
        refused = true;
        chunks.length = 0;
        reject(new BodyTooLargeError(limitBytes));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!refused) resolve(Buffer.concat(chunks));
    });
    req.on('error', (error) => {
      if (!refused) reject(error);
    });
  });
}

/** The path part of the raw request target, without query; '' when the target is not origin-form. */
export function rawPathOf(req: IncomingMessage): string {
  const target = req.url ?? '';
  if (!target.startsWith('/')) return '';
  const queryAt = target.indexOf('?');
  return queryAt === -1 ? target : target.slice(0, queryAt);
}

export function rawQueryOf(req: IncomingMessage): string {
  const target = req.url ?? '';
  const queryAt = target.indexOf('?');
  return queryAt === -1 ? '' : target.slice(queryAt);
}

export function headerValue(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

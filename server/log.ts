/**
 * Request logging: one line per request, method, path (never the query: it may
 * hold the console token), status and duration. Headers are never logged, so
 * no Authorization, cookie or secret can reach a log.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { rawPathOf } from './http';

export type Log = (line: string) => void;

const notes = new WeakMap<ServerResponse, string>();

/** Adds why a request failed to its one log line (never a token or secret: callers pass reasons only). */
export function noteForLog(res: ServerResponse, note: string): void {
  notes.set(res, note.replace(/\s+/g, ' ').slice(0, 300));
}

export function createRequestLogger(log: Log): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const started = performance.now();
    res.once('close', () => {
      const path = rawPathOf(req) || '(non-path target)';
      const ms = Math.round(performance.now() - started);
      const status = res.headersSent ? String(res.statusCode) : 'aborted';
      const note = notes.get(res);
      log(`${new Date().toISOString()} ${req.method ?? '?'} ${path.slice(0, 300)} ${status} ${ms}ms${note ? ` (${note})` : ''}`);
    });
  };
}

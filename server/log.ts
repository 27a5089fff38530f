/**
 * Request logging (docs/architecture.md, "Logs"): one line per request, never a
 * header or the query. Whatever a line quotes is made safe for a terminal
 * first: see safeForLog.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { rawPathOf } from './http';

export type Log = (line: string) => void;

/**
 * Control characters (C0, DEL, C1), line and paragraph separators, and the bidirectional overrides and
 * isolates: what lets text rewrite a terminal (escape sequences, a bell, a forged second line) or reorder what it shows.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE_FOR_LOG = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const NAMED_ESCAPES: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** The text with every character that could act on a terminal written out as an escape (`\u001b`), visible and inert. */
export function safeForLog(text: string): string {
  return text.replace(UNSAFE_FOR_LOG, (character) => NAMED_ESCAPES[character] ?? `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Wraps a log so that no line reaches it unsafe, whoever writes it. */
export function safeLog(log: Log): Log {
  return (line) => log(safeForLog(line));
}

const notes = new WeakMap<ServerResponse, string>();

/** Adds why a request failed to its one log line (never a token or secret: callers pass reasons only). */
export function noteForLog(res: ServerResponse, note: string): void {
  notes.set(res, safeForLog(note.replace(/\s+/g, ' ')).slice(0, 300));
}

export function createRequestLogger(log: Log): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const started = performance.now();
    res.once('close', () => {
      const path = rawPathOf(req) || '(non-path target)';
      const ms = Math.round(performance.now() - started);
      const status = res.headersSent ? String(res.statusCode) : 'aborted';
      const note = notes.get(res);
      log(safeForLog(`${new Date().toISOString()} ${req.method ?? '?'} ${path.slice(0, 300)} ${status} ${ms}ms${note ? ` (${note})` : ''}`));
    });
  };
}

/**
 * Lines held and written together once per turn of the event loop: one write
 * to stdout per request was a notable share of a notification's cost under
 * load (`npm run bench`). A line waits at most until the end of the turn;
 * only a kill -9 can lose it, and then with at most that turn's lines.
 */
export function createBufferedLog(write: (chunk: string) => void = (chunk) => process.stdout.write(chunk)) {
  let held: string[] = [];
  let closed = false;
  const flush = () => {
    if (held.length > 0) write(`${held.join('\n')}\n`);
    held = [];
  };
  process.once('exit', flush);
  return {
    log(line: string) {
      if (closed) return write(`${line}\n`);
      held.push(line);
      if (held.length === 1) setImmediate(flush);
    },
    /** Writes what is held now and stops holding: later lines are written at once. */
    close() {
      closed = true;
      process.off('exit', flush);
      flush();
    },
  };
}

/**
 * Reads a body straight from Node's IncomingMessage, within a limit: a
 * request's at the notification doors and the /graph proxy, and the bot's
 * answer to a forward. Through the web Request @hono/node-server builds on
 * demand, it cost more CPU per notification than JWT, validation and storage
 * together (docs/architecture.md, "The notification path").
 *
 * A Content-Length over the limit is refused before anything is read; a
 * chunked body as soon as it passes the limit. What is left unread is drained
 * once the answer is sent (drainWhenAnswered in http.ts), so the keep-alive
 * connection carries on.
 */
import type { IncomingMessage } from 'node:http';

export type LimitedBody = { ok: true; bytes: Buffer } | { ok: false; reason: 'too-large' | 'aborted' };

export function readLimitedBody(req: IncomingMessage, maxBytes: number): Promise<LimitedBody> {
  const announced = req.headers['content-length'];
  if (announced !== undefined && req.headers['transfer-encoding'] === undefined && Number(announced) > maxBytes) {
    return Promise.resolve({ ok: false, reason: 'too-large' });
  }
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (result: LimitedBody) => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('aborted', onAborted);
      req.off('error', onAborted);
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        // Paused so nothing more is buffered for it; drainWhenAnswered reads the rest away.
        req.pause();
        finish({ ok: false, reason: 'too-large' });
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => finish({ ok: true, bytes: chunks.length === 1 && chunks[0] ? chunks[0] : Buffer.concat(chunks, size) });
    const onAborted = () => finish({ ok: false, reason: 'aborted' });
    if (req.readableEnded) {
      resolve({ ok: true, bytes: Buffer.alloc(0) });
      return;
    }
    req.on('data', onData);
    req.once('end', onEnd);
    req.once('aborted', onAborted);
    req.once('error', onAborted);
  });
}

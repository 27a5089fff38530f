/**
 * HTTP for fuzzing: one keep-alive connection reused across thousands of
 * cases (the fast path: no connect per case), with the request target,
 * headers and raw body bytes exactly as generated. A connection the server
 * drops (it may, after refusing a body it will not read) is reported, not
 * thrown, so a property can decide whether that was allowed.
 */
import { Agent, request } from 'node:http';

export interface FuzzRequest {
  method: string;
  /** Sent as is (node:http does not normalise it). */
  path: string;
  /** A value given as an array is sent as repeated header lines. */
  headers: Record<string, string | string[]>;
  body?: Buffer;
  /** Send the body with chunked transfer encoding instead of Content-Length. */
  chunked?: boolean;
}

export type FuzzResponse =
  | { kind: 'answered'; status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }
  | { kind: 'reset'; code: string };

export interface KeepAliveClient {
  send(request: FuzzRequest): Promise<FuzzResponse>;
  close(): void;
}

const RESPONSE_TIMEOUT_MS = 10_000;

export function keepAliveClient(port: number): KeepAliveClient {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  return {
    send(fuzz) {
      return new Promise((resolve, reject) => {
        const headers: Record<string, string | string[]> = { host: `127.0.0.1:${port}`, ...fuzz.headers };
        if (fuzz.body && !fuzz.chunked) headers['content-length'] = String(fuzz.body.length);
        const req = request({ host: '127.0.0.1', port, method: fuzz.method, path: fuzz.path, headers, agent }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => resolve({ kind: 'answered', status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
          res.on('error', (error: NodeJS.ErrnoException) => resolve({ kind: 'reset', code: error.code ?? error.message }));
        });
        // A hung request would hang the property; the timeout turns it into a failure the test reports.
        req.setTimeout(RESPONSE_TIMEOUT_MS, () => req.destroy(Object.assign(new Error('no answer in time'), { code: 'TIMEOUT' })));
        req.on('error', (error: NodeJS.ErrnoException) => {
          if (error.code === 'TIMEOUT') reject(new Error(`${fuzz.method} ${fuzz.path.slice(0, 200)}: no answer within ${RESPONSE_TIMEOUT_MS} ms`));
          else resolve({ kind: 'reset', code: error.code ?? error.message });
        });
        if (fuzz.body) req.end(fuzz.body);
        else req.end();
      });
    },
    close: () => agent.destroy(),
  };
}

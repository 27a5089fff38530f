/** A stand-in for Graph behind the proxy: records every request it gets and answers as told. */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface UpstreamRequest {
  method: string;
  /** The raw request target as it arrived. */
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export type UpstreamAnswer = (request: UpstreamRequest, res: ServerResponse) => void;

export interface FakeUpstream {
  url: string;
  requests: UpstreamRequest[];
  answerWith(answer: UpstreamAnswer): void;
  close(): Promise<void>;
}

export const answerJson =
  (status: number, body: unknown, headers: Record<string, string> = {}): UpstreamAnswer =>
  (_request, res) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  };

export async function startFakeUpstream(): Promise<FakeUpstream> {
  const requests: UpstreamRequest[] = [];
  let answer: UpstreamAnswer = answerJson(200, { ok: true });
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      requests.push(request);
      answer(request, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    answerWith: (next) => {
      answer = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

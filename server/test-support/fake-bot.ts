/**
 * A calling bot's callback endpoint played over real HTTP: records every
 * request byte for byte (raw header pairs, body bytes) and answers as told,
 * slowly, or never.
 */
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface BotRequest {
  method: string;
  url: string;
  /** Header pairs as they came over the wire. */
  rawHeaders: [string, string][];
  body: Buffer;
}

export interface BotAnswerPlan {
  status: number;
  headers?: Record<string, string>;
  body?: string;
  /** Waits this long before answering. */
  delayMs?: number;
  /** Reads the request and never answers. */
  never?: boolean;
}

export interface FakeBot {
  url: string;
  port: number;
  requests: BotRequest[];
  /** Answers the next requests with these plans in turn; the last one repeats. */
  answerWith(...plans: BotAnswerPlan[]): void;
  /** Resolves once `count` requests have arrived. */
  waitForRequests(count: number, timeoutMs?: number): Promise<BotRequest[]>;
  close(): Promise<void>;
}

export const header = (request: BotRequest, name: string): string[] =>
  request.rawHeaders.filter(([key]) => key.toLowerCase() === name.toLowerCase()).map(([, value]) => value);

export async function startFakeBot(path = '/api/calling'): Promise<FakeBot> {
  const requests: BotRequest[] = [];
  let plans: BotAnswerPlan[] = [{ status: 202 }];
  const waiting = new Set<ServerResponse>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const rawHeaders: [string, string][] = [];
      for (let index = 0; index + 1 < req.rawHeaders.length; index += 2) rawHeaders.push([req.rawHeaders[index] ?? '', req.rawHeaders[index + 1] ?? '']);
      requests.push({ method: req.method ?? '', url: req.url ?? '', rawHeaders, body: Buffer.concat(chunks) });
      const plan = plans.length > 1 ? (plans.shift() as BotAnswerPlan) : (plans[0] as BotAnswerPlan);
      if (plan.never) {
        waiting.add(res);
        return;
      }
      const answer = () => {
        res.writeHead(plan.status, plan.headers ?? {});
        res.end(plan.body ?? '');
      };
      if (plan.delayMs) setTimeout(answer, plan.delayMs);
      else answer();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${path}`,
    port,
    requests,
    answerWith: (...next) => {
      plans = next;
    },
    waitForRequests(count, timeoutMs = 5_000) {
      const deadline = Date.now() + timeoutMs;
      return new Promise((resolve, reject) => {
        const check = () => {
          if (requests.length >= count) return resolve(requests);
          if (Date.now() > deadline) return reject(new Error(`expected ${count} requests at the bot, got ${requests.length}`));
          setTimeout(check, 5);
        };
        check();
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

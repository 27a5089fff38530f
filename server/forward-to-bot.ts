/**
 * FORWARD_TO: passes a request Graph sent to the callback on to the bot, byte
 * for byte with its headers (hop-by-hop ones excepted), and brings back the
 * bot's answer, or what Graph would meet with the bot down (docs/architecture.md,
 * "Forwarding to a bot"). The target comes from the server's configuration
 * only; no part of a request (Host, path, query, headers) changes where it goes.
 */
import { randomUUID } from 'node:crypto';
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { graphErrorBody } from '../src/graph/errors';
import type { BotAnswer } from '../src/graph/schemas';
import { isAnyAddress, isLoopbackHost, type ServerConfig } from './config';
import { readLimitedBody } from './request-body';
import { sendUpstream } from './upstream-request';

/** FORWARD_TO's settings, and `maxAnswerBytes`: the most of the bot's answer kept to pass back to Graph; a longer one is a 502. */
type ForwardConfig = NonNullable<ServerConfig['forwardTo']> & { maxAnswerBytes: number };

/** What goes back to Graph, and what the timeline shows of it. */
export interface BotReply {
  status: number;
  /** Raw header pairs, in the bot's order (or the console's own for a 502/503/504). */
  headers: [string, string][];
  body: Buffer;
  outcome: BotAnswer['outcome'];
  /** From the first byte sent to the bot's last byte received (or the failure). */
  ms: number;
  /** Why the console answered for the bot (502/503/504), for the log. */
  problem?: string;
}

/** RFC 9110 §7.6.1, plus the headers only a proxy hop or the framing of this hop owns. */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  // The body is whole by now: the framing of the next hop is the console's to set.
  'content-length',
  'expect',
  // The bot's address, not the console's (as a reverse proxy does).
  'host',
]);

/** Pairs from rawHeaders without the hop-by-hop ones, including those the Connection header names. */
export function endToEndHeaders(rawHeaders: readonly string[]): [string, string][] {
  const pairs: [string, string][] = [];
  for (let index = 0; index + 1 < rawHeaders.length; index += 2) pairs.push([rawHeaders[index] ?? '', rawHeaders[index + 1] ?? '']);
  const named = new Set(
    pairs
      .filter(([name]) => name.toLowerCase() === 'connection')
      .flatMap(([, value]) => value.split(','))
      .map((token) => token.trim().toLowerCase()),
  );
  return pairs.filter(([name]) => !HOP_BY_HOP.has(name.toLowerCase()) && !named.has(name.toLowerCase()));
}

function consoleAnswer(status: 502 | 503 | 504, outcome: BotAnswer['outcome'], message: string, ms: number): BotReply {
  const requestId = randomUUID();
  const body = Buffer.from(JSON.stringify(graphErrorBody(status === 504 ? 'GatewayTimeout' : status === 503 ? 'ServiceUnavailable' : 'BadGateway', message, { requestId, clientRequestId: requestId, date: new Date().toISOString() })));
  return {
    status,
    headers: [
      ['content-type', 'application/json; charset=utf-8'],
      ['cache-control', 'no-store'],
      ['request-id', requestId],
    ],
    body,
    outcome,
    ms,
    problem: message,
  };
}

export type BotForwarder = ReturnType<typeof createBotForwarder>;

export function createBotForwarder(config: ForwardConfig) {
  const target = new URL(config.url);
  // Kept-alive connections: a new TCP (and TLS) handshake per notification would be most of the added latency.
  const agentOptions = { keepAlive: true, maxSockets: config.maxInFlight, maxFreeSockets: Math.min(config.maxInFlight, 16) };
  const agent = target.protocol === 'https:' ? new HttpsAgent(agentOptions) : new HttpAgent(agentOptions);
  let inFlight = 0;

  const forward = async (body: Buffer, incomingRawHeaders: readonly string[]): Promise<BotReply> => {
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    if (inFlight >= config.maxInFlight) {
      const message = `The bot already has ${config.maxInFlight} notifications in flight (FORWARD_MAX_IN_FLIGHT); try again later.`;
      return consoleAnswer(503, 'overloaded', message, 0);
    }
    inFlight += 1;
    const timedOut = () => consoleAnswer(504, 'timeout', `The bot did not answer within ${config.timeoutMs} ms (FORWARD_TIMEOUT_MS).`, elapsed());
    try {
      // Raw pairs keep the names' case, their order and repeated headers as Graph sent them.
      const headers = [...endToEndHeaders(incomingRawHeaders), ['host', target.host]].flat();
      const answer = await sendUpstream(target, { method: 'POST', headers, body, timeoutMs: config.timeoutMs, agent });
      // Read as a request body is: within the limit (by Content-Length before anything is read).
      const read = await readLimitedBody(answer.body, config.maxAnswerBytes);
      if (read.ok) return { status: answer.status, headers: endToEndHeaders(answer.body.rawHeaders), body: read.bytes, outcome: 'answered', ms: elapsed() };
      answer.body.destroy();
      if (answer.body.errored?.name === 'TimeoutError') return timedOut();
      const problem = read.reason === 'too-large' ? `is over ${config.maxAnswerBytes} bytes (MAX_BODY_BYTES)` : 'broke off before its end';
      return consoleAnswer(502, 'unreachable', `The bot's answer ${problem}.`, elapsed());
    } catch (error) {
      if (error instanceof Error && error.name === 'TimeoutError') return timedOut();
      // sendUpstream's network error carries the socket's own (ECONNREFUSED...) as its cause.
      const cause = (error instanceof Error && error.cause instanceof Error ? error.cause : error) as NodeJS.ErrnoException;
      return consoleAnswer(502, 'unreachable', `The bot at ${target.origin} could not be reached: ${cause.code ?? cause.message}.`, elapsed());
    } finally {
      inFlight -= 1;
    }
  };

  return {
    target,
    forward,
    close: () => agent.destroy(),
  };
}

/** Names that reach this machine: a loopback address, or `localhost` and its subdomains (RFC 6761). */
const isLoopbackName = (host: string): boolean => isLoopbackHost(host.toLowerCase()) || host.toLowerCase().endsWith('.localhost');

/**
 * Why `target` is the console itself (reached as `self` says: its names and the port it listens on),
 * or undefined when it is not (as far as names and ports tell): such a FORWARD_TO is refused.
 */
export function forwardLoopsBack(target: URL, self: Pick<ServerConfig, 'host' | 'port' | 'publicUrl' | 'extraLocalHosts'>): string | undefined {
  if (self.publicUrl && new URL(self.publicUrl).origin === target.origin) return `it is PUBLIC_URL (${self.publicUrl})`;
  const port = Number(target.port || (target.protocol === 'https:' ? 443 : 80));
  const hostname = target.hostname.toLowerCase();
  if (self.extraLocalHosts.includes(`${hostname}:${port}`)) return `${hostname}:${port} is in CONSOLE_ALLOWED_HOSTS`;
  if (port !== self.port) return undefined;
  if (isLoopbackName(hostname) && (isAnyAddress(self.host) || isLoopbackName(self.host))) return `${target.host} is where the console listens`;
  if (hostname === self.host.replace(/^\[|\]$/g, '').toLowerCase() || self.extraLocalHosts.includes(hostname)) {
    return `${target.host} is where the console listens`;
  }
  return undefined;
}

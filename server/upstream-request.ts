/**
 * One request upstream (to Graph for the /graph proxy, to the bot for
 * FORWARD_TO), over node:http(s) with keep-alive connections. `fetch` cost about 0.6 ms more per request here
 * (undici and WHATWG streams; `npm run bench`), most of what the proxy added
 * over calling Graph directly. Failures keep fetch's shape so the proxy's
 * messages stay as they were: a network error carries the socket's error as
 * `cause` (ECONNREFUSED, a TLS error...), and running out of time is an error
 * named `TimeoutError`, whether before the answer or while its body streams.
 */
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

export interface UpstreamResponse {
  status: number;
  /** A response header, repeated values joined as HTTP allows. */
  header(name: string): string | undefined;
  /** The body; destroyed with a TimeoutError if it is still streaming when the time is up. */
  body: IncomingMessage;
}

export interface UpstreamRequest {
  method: string;
  /** Headers by name, or raw pairs (flat) that keep the names' case, their order and repeated headers. */
  headers: Record<string, string> | string[];
  body?: Buffer;
  timeoutMs: number;
  /** Default: one keep-alive pool per protocol for the process. */
  agent?: HttpAgent;
}

// One pool per protocol for the process: Graph is one host, and its connections are worth keeping.
const agents = { http: new HttpAgent({ keepAlive: true }), https: new HttpsAgent({ keepAlive: true }) };

/**
 * A request sent on a kept-alive connection that the other side closed as it idled (Node's servers
 * after 5 s, others after their own time) meets ECONNRESET before any answer: the server never read
 * it. It is sent once more on a new connection, as Node's http docs advise (`request.reusedSocket`);
 * any other failure, or one on a new connection, is the caller's to report.
 */
export async function sendUpstream(url: URL, request: UpstreamRequest): Promise<UpstreamResponse> {
  try {
    return await sendOnce(url, request);
  } catch (error) {
    if (error instanceof StaleConnectionError) return sendOnce(url, request);
    throw error;
  }
}

class StaleConnectionError extends Error {}

function sendOnce(url: URL, request: UpstreamRequest): Promise<UpstreamResponse> {
  const secure = url.protocol === 'https:';
  const length = request.body ? String(request.body.length) : undefined;
  const headers = Array.isArray(request.headers)
    ? [...request.headers, ...(length ? ['content-length', length] : [])]
    : { ...request.headers, ...(length ? { 'content-length': length } : {}) };
  return new Promise((resolve, reject) => {
    const agent = request.agent ?? (secure ? agents.https : agents.http);
    const req = (secure ? httpsRequest : httpRequest)(url, { method: request.method, headers, agent });
    let answered: IncomingMessage | undefined;
    const timer = setTimeout(() => {
      const error = Object.assign(new Error(`no answer within ${request.timeoutMs} ms`), { name: 'TimeoutError' });
      // Before the answer, or while its body streams.
      (answered ?? req).destroy(error);
    }, request.timeoutMs);
    req.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      if (req.reusedSocket && !answered && error.code === 'ECONNRESET') return reject(new StaleConnectionError('kept-alive connection closed by the server'));
      reject(error.name === 'TimeoutError' ? error : Object.assign(new Error('fetch failed', { cause: error }), { name: 'TypeError' }));
    });
    req.on('response', (res) => {
      answered = res;
      res.on('close', () => clearTimeout(timer));
      resolve({
        status: res.statusCode ?? 502,
        header: (name) => {
          const value = res.headers[name.toLowerCase()];
          return Array.isArray(value) ? value.join(', ') : value;
        },
        body: res,
      });
    });
    req.end(request.body);
  });
}

/**
 * The one way the SPA talks to Graph: always `/graph/...` on its own origin.
 * In mock mode msw answers; in live mode the console's server proxies to Graph.
 */
import { GRAPH_PROXY_PREFIX } from '../graph/console';

export interface GraphCall {
  method: 'GET' | 'POST';
  /** Path under the Graph root, e.g. `/v1.0/communications/calls/{id}/cancelMediaProcessing`. */
  path: string;
  body?: unknown;
  clientRequestId?: string;
}

export interface GraphAnswer {
  status: number;
  /** The headers a developer cares about, lower-case. */
  headers: Record<string, string>;
  body: unknown;
}

const SHOWN_HEADERS = ['location', 'request-id', 'client-request-id', 'retry-after', 'content-type', 'date'];

export async function callGraph({ method, path, body, clientRequestId }: GraphCall): Promise<GraphAnswer> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (clientRequestId) headers['client-request-id'] = clientRequestId;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${GRAPH_PROXY_PREFIX}${path}`, {
    method,
    headers,
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const shown: Record<string, string> = {};
  for (const name of SHOWN_HEADERS) {
    const value = response.headers.get(name);
    if (value !== null) shown[name] = value;
  }
  const text = await response.text();
  return { status: response.status, headers: shown, body: parseMaybeJson(text) };
}

function parseMaybeJson(text: string): unknown {
  if (text === '') return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

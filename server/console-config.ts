/** GET /api/config: what the server can do in live mode, and why not when it cannot. */
import type { ConsoleConfig } from '../src/graph/console';
import { liveUnavailableReason, type ServerConfig } from './config';

export const CALLBACK_PATH = '/api/calls';
export const FORWARD_PATH = '/api/forward';

/** The callback URL to register with Graph, and a note when it is only the local one. */
export function callbackUrlOf(config: ServerConfig, localUrl: string): { url: string; note?: string } {
  if (config.publicUrl) return { url: `${config.publicUrl}${CALLBACK_PATH}` };
  return {
    url: `${localUrl.replace(/\/$/, '')}${CALLBACK_PATH}`,
    note: 'PUBLIC_URL is not set: this local callback URL is unreachable for Graph; expose it through a tunnel and set PUBLIC_URL.',
  };
}

export function consoleConfigOf(config: ServerConfig, localUrl: string): ConsoleConfig & { callbackUrlNote?: string } {
  const reason = liveUnavailableReason(config.graph);
  const callback = callbackUrlOf(config, localUrl);
  return {
    live: reason === undefined ? { available: true } : { available: false, reason },
    ...(config.graph.clientId ? { appId: config.graph.clientId } : {}),
    callbackUrl: callback.url,
    ...(callback.note ? { callbackUrlNote: callback.note } : {}),
  };
}

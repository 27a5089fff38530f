import { Providers } from '@microsoft/mgt-element';
import { ProxyProvider } from '@microsoft/mgt-proxy-provider';
import { GRAPH_PROXY_PREFIX } from '../../../graph/console';

let installed = false;

/**
 * mgt looks people up through the console's own /graph: msw answers in mock
 * mode, the server (with the app's token) in live mode. The browser holds no token.
 */
export function installGraphProxyProvider(): void {
  if (installed) return;
  installed = true;
  Providers.globalProvider = new ProxyProvider(`${window.location.origin}${GRAPH_PROXY_PREFIX}`);
}

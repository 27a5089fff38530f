/**
 * The app-only Graph token, from MSAL's client-credentials flow. MSAL keeps
 * the token in its in-memory cache and renews it near expiry, so asking for
 * it on every proxied request costs a network round trip only when needed.
 * The token goes into the upstream Authorization header and nowhere else.
 */
import { AuthError, ConfidentialClientApplication, LogLevel, type Configuration } from '@azure/msal-node';
import type { ServerConfig } from './config';

/** Returns a bearer token for Graph; rejects with TokenUnavailableError. */
export type GraphTokenSource = () => Promise<string>;

export class TokenUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TokenUnavailableError';
  }
}

const PUBLIC_CLOUD_AUTHORITY_HOST = 'login.microsoftonline.com';
/** MSAL renews a cached token this long before it expires; the memo below hands it out until then. */
const RENEW_BEFORE_EXPIRY_MS = 5 * 60 * 1000;

/** Builds MSAL's configuration; exported so its shape (authority, knownAuthorities) can be checked. */
export function msalConfiguration(graph: ServerConfig['graph'], log: (line: string) => void): Configuration {
  if (!graph.tenantId || !graph.clientId || !graph.credential) {
    throw new Error('msalConfiguration needs GRAPH_TENANT_ID, GRAPH_CLIENT_ID and a credential');
  }
  const authorityUrl = new URL(graph.authorityHost);
  const authority = `${authorityUrl.origin}${authorityUrl.pathname.replace(/\/$/, '')}/${graph.tenantId}`;
  const credential = graph.credential;
  return {
    auth: {
      clientId: graph.clientId,
      authority,
      // MSAL validates authorities against Microsoft's cloud list unless told the host is known
      // (national clouds, ADFS, a local fake). It wants the bare host, with port.
      ...(authorityUrl.host === PUBLIC_CLOUD_AUTHORITY_HOST ? {} : { knownAuthorities: [authorityUrl.host] }),
      ...(credential.kind === 'secret' ? { clientSecret: credential.clientSecret } : { clientCertificate: credential.certificate }),
    },
    system: {
      loggerOptions: {
        // Errors only, and never PII: MSAL's messages then carry no tokens or secrets.
        logLevel: LogLevel.Error,
        piiLoggingEnabled: false,
        loggerCallback: (_level, message, containsPii) => {
          if (!containsPii) log(`msal: ${message}`);
        },
      },
    },
  };
}

function describeFailure(error: unknown): string {
  if (error instanceof AuthError) {
    // errorMessage is the authority's answer (e.g. AADSTS7000215 for a wrong secret); first line is enough.
    const detail = (error.errorMessage || error.message).split(/\r?\n/)[0] ?? '';
    return `${error.errorCode}${detail ? `: ${detail}` : ''}`;
  }
  return error instanceof Error ? error.message : String(error);
}

export function createMsalTokenSource(graph: ServerConfig['graph'], log: (line: string) => void): GraphTokenSource {
  const app = new ConfidentialClientApplication(msalConfiguration(graph, log));
  const authority = `${graph.authorityHost}/${graph.tenantId ?? ''}`;
  // MSAL's cache lookup costs about as much CPU as the rest of a proxied request (npm run bench):
  // the token is kept here until MSAL would renew it, and MSAL is asked only then.
  let memo: { token: string; renewAt: number } | undefined;
  return async () => {
    if (memo && Date.now() < memo.renewAt) return memo.token;
    const result = await app.acquireTokenByClientCredential({ scopes: [graph.scope] }).catch((error: unknown) => {
      throw new TokenUnavailableError(`Could not get an app-only token from ${authority}: ${describeFailure(error)}`);
    });
    if (!result?.accessToken) throw new TokenUnavailableError(`The token endpoint at ${authority} returned no access token`);
    memo = result.expiresOn ? { token: result.accessToken, renewAt: result.expiresOn.getTime() - RENEW_BEFORE_EXPIRY_MS } : undefined;
    return result.accessToken;
  };
}

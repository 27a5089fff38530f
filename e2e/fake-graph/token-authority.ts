/**
 * The Entra ID (AAD) side of the fake: the metadata MSAL reads and a
 * client-credentials token endpoint, for one tenant and one app. It issues
 * JWT access tokens like AAD's and remembers them, so the Graph side can
 * refuse any token it did not issue.
 */
import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import type { JWK } from 'jose';
import { jsonAnswer } from './answer';
import type { Answer } from './answer';
import { checkClientAssertion, JWT_BEARER_ASSERTION } from './client-assertion';

export const GRAPH_SCOPE = 'https://graph.microsoft.com/.default';
const GRAPH_AUDIENCE = 'https://graph.microsoft.com';
const TOKEN_LIFETIME_SECONDS = 3599;
const APP_ROLES = ['Calls.AccessMedia.All', 'Calls.Initiate.All'];

export interface AppRegistration {
  tenantId: string;
  clientId: string;
  clientSecret: string;
  /** PEM certificate registered on the app: client assertions signed with its key are accepted too. */
  clientCertificate?: string;
}

export interface AuthorityRequest {
  method: string;
  /** Decoded path without query. */
  path: string;
  headers: Record<string, string>;
  body: string;
}

export interface TokenAuthority {
  /** The answer for an authority path, or undefined when the path is not one. */
  handle(request: AuthorityRequest, origin: string): Promise<Answer | undefined>;
  tokenRequests(): number;
  /** Why an Authorization header does not carry a live token of ours; undefined when it does. */
  rejectAccessToken(authorization: string | undefined): string | undefined;
}

const AUTHORITY_PATH = /^\/([^/]+)\/(v2\.0\/\.well-known\/openid-configuration|oauth2\/v2\.0\/token|discovery\/v2\.0\/keys)$/;

export async function createTokenAuthority(app: AppRegistration): Promise<TokenAuthority> {
  const keys = await generateKeyPair('RS256');
  const publicJwk: JWK = { ...(await exportJWK(keys.publicKey)), kid: 'fake-aad', use: 'sig', alg: 'RS256' };
  /** Issued access tokens and when each expires (epoch ms). */
  const issued = new Map<string, number>();
  let tokenRequests = 0;

  const aadError = (status: number, error: string, code: number, description: string, correlationId: string): Answer => {
    const traceId = randomUUID();
    const timestamp = new Date().toISOString().replace('T', ' ').slice(0, 19) + 'Z';
    return jsonAnswer(status, {
      error,
      error_description: `AADSTS${code}: ${description} Trace ID: ${traceId} Correlation ID: ${correlationId} Timestamp: ${timestamp}`,
      error_codes: [code],
      timestamp,
      trace_id: traceId,
      correlation_id: correlationId,
    });
  };

  const issueToken = async (): Promise<Answer> => {
    const now = Math.floor(Date.now() / 1000);
    const accessToken = await new SignJWT({
      aud: GRAPH_AUDIENCE,
      iss: `https://sts.windows.net/${app.tenantId}/`,
      iat: now,
      nbf: now,
      exp: now + TOKEN_LIFETIME_SECONDS,
      appid: app.clientId,
      idtyp: 'app',
      roles: APP_ROLES,
      sub: app.clientId,
      tid: app.tenantId,
      uti: randomUUID(),
      ver: '1.0',
    })
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: publicJwk.kid })
      .sign(keys.privateKey);
    issued.set(accessToken, (now + TOKEN_LIFETIME_SECONDS) * 1000);
    return jsonAnswer(200, {
      token_type: 'Bearer',
      expires_in: TOKEN_LIFETIME_SECONDS,
      ext_expires_in: TOKEN_LIFETIME_SECONDS,
      access_token: accessToken,
    });
  };

  const token = async (request: AuthorityRequest, tokenEndpoint: string): Promise<Answer> => {
    tokenRequests += 1;
    const correlationId = request.headers['client-request-id'] ?? randomUUID();
    const form = new URLSearchParams(request.body);
    const fail = (status: number, error: string, code: number, description: string) => aadError(status, error, code, description, correlationId);
    for (const name of ['grant_type', 'client_id', 'scope']) {
      if (!form.get(name)) return fail(400, 'invalid_request', 900144, `The request body must contain the following parameter: '${name}'.`);
    }
    if (form.get('grant_type') !== 'client_credentials') {
      return fail(400, 'unsupported_grant_type', 70003, 'The app requested an unsupported grant type; this fake serves client_credentials only.');
    }
    if (form.get('client_id') !== app.clientId) {
      return fail(400, 'unauthorized_client', 700016, `Application with identifier '${form.get('client_id') ?? ''}' was not found in the directory '${app.tenantId}'.`);
    }
    if (form.has('client_assertion')) {
      if (form.get('client_assertion_type') !== JWT_BEARER_ASSERTION) {
        return fail(400, 'invalid_request', 50027, `client_assertion_type must be '${JWT_BEARER_ASSERTION}'.`);
      }
      if (!app.clientCertificate) return fail(401, 'invalid_client', 700027, 'No certificate is registered on this application; use its client secret.');
      const failure = await checkClientAssertion(form.get('client_assertion') ?? '', app.clientCertificate, app.clientId, tokenEndpoint);
      if (failure) return fail(401, 'invalid_client', failure.code, failure.description);
    } else if (form.get('client_secret') !== app.clientSecret) {
      const description = form.has('client_secret')
        ? 'Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID.'
        : "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.";
      return fail(401, 'invalid_client', form.has('client_secret') ? 7000215 : 7000218, description);
    }
    const scopes = (form.get('scope') ?? '').split(' ').filter(Boolean);
    if (!scopes.includes(GRAPH_SCOPE)) {
      return fail(400, 'invalid_scope', 1002012, `The provided value for scope ${form.get('scope') ?? ''} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`);
    }
    return issueToken();
  };

  const metadata = (origin: string, tenant: string): Record<string, unknown> => {
    const base = `${origin}/${tenant}`;
    return {
      token_endpoint: `${base}/oauth2/v2.0/token`,
      token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
      jwks_uri: `${base}/discovery/v2.0/keys`,
      response_modes_supported: ['query', 'fragment', 'form_post'],
      subject_types_supported: ['pairwise'],
      id_token_signing_alg_values_supported: ['RS256'],
      response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
      scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
      issuer: `${base}/v2.0`,
      request_uri_parameter_supported: false,
      authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
      device_authorization_endpoint: `${base}/oauth2/v2.0/devicecode`,
      end_session_endpoint: `${base}/oauth2/v2.0/logout`,
      tenant_region_scope: null,
      cloud_instance_name: 'microsoftonline.com',
      msgraph_host: 'graph.microsoft.com',
    };
  };

  return {
    tokenRequests: () => tokenRequests,
    rejectAccessToken(authorization) {
      const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
      if (!match?.[1]) return 'Access token is empty.';
      const expiresAt = issued.get(match[1]);
      if (expiresAt === undefined) return 'Access token validation failure. Invalid audience.';
      if (expiresAt <= Date.now()) return 'Lifetime validation failed, the token is expired.';
      return undefined;
    },
    async handle(request, origin) {
      const match = AUTHORITY_PATH.exec(request.path);
      if (!match) return undefined;
      const [, tenant = '', endpoint] = match;
      const correlationId = request.headers['client-request-id'] ?? randomUUID();
      // AAD also takes the tenant's domain names; this fake knows only its id.
      if (tenant.toLowerCase() !== app.tenantId.toLowerCase()) {
        return aadError(400, 'invalid_tenant', 90002, `Tenant '${tenant}' not found.`, correlationId);
      }
      const method = endpoint === 'oauth2/v2.0/token' ? 'POST' : 'GET';
      if (request.method !== method) return aadError(405, 'invalid_request', 90056, `This endpoint only accepts ${method} requests.`, correlationId);
      if (endpoint === 'oauth2/v2.0/token') return token(request, `${origin}/${tenant}/oauth2/v2.0/token`);
      if (endpoint === 'discovery/v2.0/keys') return jsonAnswer(200, { keys: [publicJwk] });
      return jsonAnswer(200, metadata(origin, tenant));
    },
  };
}

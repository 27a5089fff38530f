/**
 * Graph's notification signing, played locally: an RS256 key pair whose
 * public half is published through an OpenID configuration and JWKS served
 * over plain http (jose's remote JWKS accepts http), and helpers to sign good
 * tokens and every kind of bad one.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import { TEST_CLIENT_ID, TEST_TENANT_ID } from './config';

export interface SignOptions {
  /** Merged over good claims; `undefined` removes a claim. */
  claims?: Record<string, unknown>;
  /** Sign with a key that is not published, under the published kid: a forged signature. */
  forged?: boolean;
  /** Sign with the second published key (after rotate()). */
  rotated?: boolean;
  expiresInSeconds?: number;
}

export interface NotificationKeys {
  openIdConfigUrl: string;
  sign(options?: SignOptions): Promise<string>;
  /** An `alg: none` token with good claims. */
  unsigned(): string;
  /** An HS256 token with good claims, keyed with a shared secret. */
  hs256(): Promise<string>;
  /** Publishes a second key; tokens signed with `rotated` use it. */
  rotate(): Promise<void>;
  jwksFetches(): number;
  close(): Promise<void>;
}

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

function goodClaims(overrides: Record<string, unknown> = {}, expiresInSeconds = 3600): Record<string, unknown> {
  const now = Math.floor(Date.now() / 1000);
  const claims: Record<string, unknown> = {
    iss: 'https://api.botframework.com',
    aud: TEST_CLIENT_ID,
    tid: TEST_TENANT_ID,
    iat: now - 10,
    nbf: now - 10,
    exp: now + expiresInSeconds,
    ...overrides,
  };
  return Object.fromEntries(Object.entries(claims).filter(([, value]) => value !== undefined));
}

interface PublishedKey {
  kid: string;
  privateKey: CryptoKey;
  jwk: JWK;
}

async function makeKey(kid: string): Promise<PublishedKey> {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  return { kid, privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' } };
}

export async function startNotificationKeys(): Promise<NotificationKeys> {
  const [current, stranger] = await Promise.all([makeKey('key-1'), makeKey('key-1')]);
  const published: PublishedKey[] = [current];
  let fetches = 0;
  const server: Server = createServer((req, res) => {
    const { port } = server.address() as AddressInfo;
    if (req.url === '/openid') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ issuer: 'https://api.botframework.com', jwks_uri: `http://127.0.0.1:${port}/keys`, id_token_signing_alg_values_supported: ['RS256'] }));
      return;
    }
    if (req.url === '/keys') {
      fetches += 1;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ keys: published.map((key) => key.jwk) }));
      return;
    }
    res.writeHead(404);
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    openIdConfigUrl: `http://127.0.0.1:${port}/openid`,
    async sign(options = {}) {
      const key = options.forged ? stranger : options.rotated ? published[1] : current;
      if (!key) throw new Error('rotate() first');
      return new SignJWT(goodClaims(options.claims, options.expiresInSeconds))
        .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: key.kid })
        .sign(key.privateKey);
    },
    unsigned: () => `${base64url({ alg: 'none', typ: 'JWT', kid: current.kid })}.${base64url(goodClaims())}.`,
    hs256: () =>
      new SignJWT(goodClaims())
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT', kid: current.kid })
        .sign(new TextEncoder().encode(JSON.stringify(current.jwk))),
    async rotate() {
      published.push(await makeKey('key-2'));
    },
    jwksFetches: () => fetches,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

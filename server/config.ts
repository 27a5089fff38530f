/**
 * The server's configuration: read from the environment once at start,
 * validated with zod, and turned into one typed object. Every variable is
 * documented in `.env.example`; an invalid value stops the server with a
 * message that names the variable, rather than failing later mid-request.
 */
import { X509Certificate, createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { Configuration } from '@azure/msal-node';
import { z } from 'zod';
import { CALLBACK_PATH, type ConsoleConfig } from '../src/graph/console';
import { describeProblems } from '../src/graph/untrustedJson';

/** A client secret, or a certificate in MSAL's own terms (a PKCS#8 key, its SHA-256 or SHA-1 thumbprint). */
export type GraphCredential =
  | { kind: 'secret'; clientSecret: string }
  | { kind: 'certificate'; certificate: NonNullable<Configuration['auth']['clientCertificate']> };

/** Everything startServer needs. Tests build it directly; main.ts builds it from the environment. */
export interface ServerConfig {
  host: string;
  /** 0 picks a free port (tests). */
  port: number;
  distDir: string;
  dataDir: string;
  /** Where Graph reaches the callback (a tunnel or public host), without a trailing slash. */
  publicUrl?: string;
  forwardSecret?: string;
  /** FORWARD_TO: every request to the callback is passed on to this bot, whose answer goes back to Graph. */
  forwardTo?: {
    /** The bot's callback URL, exactly as configured (path and query included). */
    url: string;
    timeoutMs: number;
    /** Forwards waiting for the bot at once; past it Graph gets 503, as from an overloaded bot. */
    maxInFlight: number;
  };
  /** Required for local surfaces when set. When undefined, one is generated if the host is not loopback. */
  consoleAccessToken?: string;
  /** Extra `host:port` values accepted as local, e.g. the machine's name when HOST=0.0.0.0. */
  extraLocalHosts: string[];
  graph: {
    baseUrl: string;
    authorityHost: string;
    scope: string;
    tenantId?: string;
    clientId?: string;
    credential?: GraphCredential;
    timeoutMs: number;
  };
  notifications: {
    openIdConfigUrl: string;
    clockSkewSeconds: number;
    /** Tenants besides GRAPH_TENANT_ID whose notification tokens are accepted (multi-tenant bots), lower-case. */
    allowedTenants: string[];
    /** How soon after a JWKS fetch an unknown `kid` may trigger another (not an environment variable). */
    jwksRefetchCooldownMs?: number;
    /** How long after a failed key fetch the next may happen (not an environment variable). */
    keyFetchFailureCooldownMs?: number;
  };
  maxBodyBytes: number;
  relay: {
    maxBufferedBytes: number;
    pingIntervalMs: number;
    maxClients: number;
  };
  retention: {
    /** Ended sessions are pruned, oldest first, while the stored data is over this. */
    maxBytes: number;
    /** Ended sessions that ended longer ago than this are pruned. */
    maxAgeMs: number;
    /** How often the limits are checked (not an environment variable). */
    checkIntervalMs?: number;
  };
  /** A log shared by several console instances; undefined keeps everything in SQLite under dataDir. */
  redis?: {
    url: string;
    /** The stream keeps about this many notifications (XADD MAXLEN ~). */
    streamMaxEntries: number;
  };
}

/** dist/ next to server/, so `tsx server/main.ts` works from any working directory. */
const DEFAULT_DIST_DIR = fileURLToPath(new URL('../dist', import.meta.url));

const TENANT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const text = () => z.string().trim();
const integer = (min: number, max: number) => {
  const message = `must be a whole number from ${min} to ${max}`;
  return z.coerce.number({ error: message }).int({ error: message }).min(min, { error: message }).max(max, { error: message });
};
/** An absolute URL of one of `protocols`; `keepPath`: exactly as given, else without a trailing slash. */
const absoluteUrl = (protocols: string[], message: string, keepPath = false) =>
  text()
    .refine((value) => URL.canParse(value) && protocols.includes(new URL(value).protocol), { message })
    .transform((value) => (keepPath ? value : value.replace(/\/+$/, '')));
const httpUrl = () => absoluteUrl(['https:', 'http:'], 'must be an absolute http(s) URL');

/** Each variable with its default; a blank one counts as unset (see configFromEnvironment). */
const environmentSchema = z.object({
  HOST: text().default('127.0.0.1'),
  PORT: integer(0, 65535).default(5173),
  DIST_DIR: text().default(DEFAULT_DIST_DIR),
  DATA_DIR: text().default('./.data'),
  PUBLIC_URL: httpUrl().optional(),
  FORWARD_SECRET: z.string().min(16, { message: 'must be at least 16 characters (it is the only guard of /api/forward)' }).optional(),
  // Not trimmed of its trailing slash like the others: the bot's path is passed on exactly.
  FORWARD_TO: absoluteUrl(['http:', 'https:'], "must be the bot's absolute http(s) callback URL, e.g. http://localhost:3978/api/calling", true).optional(),
  FORWARD_TIMEOUT_MS: integer(100, 300_000).default(10_000),
  FORWARD_MAX_IN_FLIGHT: integer(1, 10_000).default(64),
  CONSOLE_TOKEN: z.string().min(16, { message: 'must be at least 16 characters' }).optional(),
  CONSOLE_ALLOWED_HOSTS: text()
    .transform((value) => value.split(',').map((host) => host.trim().toLowerCase()).filter(Boolean))
    .default([]),
  GRAPH_TENANT_ID: text().optional(),
  GRAPH_CLIENT_ID: text().optional(),
  GRAPH_CLIENT_SECRET: text().optional(),
  GRAPH_CLIENT_CERTIFICATE_PATH: text().optional(),
  GRAPH_CLIENT_CERTIFICATE_THUMBPRINT: text()
    .transform((value) => value.replace(/:/g, '').toLowerCase())
    .refine((value) => /^([0-9a-f]{40}|[0-9a-f]{64})$/.test(value), {
      message: 'must be the hex SHA-256 (64 digits) or SHA-1 (40 digits) thumbprint of the certificate',
    })
    .optional(),
  GRAPH_BASE_URL: httpUrl().default('https://graph.microsoft.com'),
  GRAPH_AUTHORITY_HOST: absoluteUrl(['https:'], 'must be an absolute https URL (MSAL refuses plain http authorities)').default('https://login.microsoftonline.com'),
  GRAPH_SCOPE: text().default('https://graph.microsoft.com/.default'),
  GRAPH_TIMEOUT_MS: integer(100, 300_000).default(15_000),
  NOTIFY_OPENID_CONFIG_URL: httpUrl().default('https://api.aps.skype.com/v1/.well-known/OpenIdConfiguration'),
  NOTIFY_CLOCK_SKEW_SECONDS: integer(0, 600).default(60),
  NOTIFY_ALLOWED_TENANTS: z
    .string()
    .transform((value) => value.split(',').map((id) => id.trim().toLowerCase()).filter(Boolean))
    .refine((ids) => ids.every((id) => TENANT_ID.test(id)), {
      message: 'must be tenant (directory) ids, comma-separated: GUIDs such as 72f988bf-86f1-41af-91ab-2d7cd011db47',
    })
    .default([]),
  MAX_BODY_BYTES: integer(1024, 16 * 1024 * 1024).default(256 * 1024),
  RELAY_MAX_BUFFERED_BYTES: integer(16 * 1024, 256 * 1024 * 1024).default(4 * 1024 * 1024),
  RELAY_PING_INTERVAL_MS: integer(100, 600_000).default(30_000),
  RELAY_MAX_CLIENTS: integer(1, 10_000).default(100),
  DATA_MAX_MB: integer(1, 1024 * 1024).default(1024),
  DATA_MAX_DAYS: integer(1, 36_500).default(30),
  REDIS_URL: absoluteUrl(['redis:', 'rediss:'], 'must be a redis:// or rediss:// URL, e.g. redis://127.0.0.1:6379/0', true).optional(),
  REDIS_STREAM_MAX: integer(1_000, 100_000_000).default(100_000),
});

/** Every variable the server reads (documented in .env.example). */
export const ENVIRONMENT_VARIABLES = Object.keys(environmentSchema.shape);

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Reads the certificate file: a PEM private key, and usually the certificate whose thumbprint MSAL sends. */
function loadCertificate(path: string, thumbprint: string | undefined): GraphCredential {
  let pem: string;
  try {
    pem = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError([`GRAPH_CLIENT_CERTIFICATE_PATH: cannot read ${path} (${(error as Error).message})`]);
  }
  const keyMatch = /-----BEGIN (?:RSA |EC )?PRIVATE KEY-----[\s\S]+?-----END (?:RSA |EC )?PRIVATE KEY-----/.exec(pem);
  if (!keyMatch) {
    throw new ConfigError([`GRAPH_CLIENT_CERTIFICATE_PATH: ${path} holds no PEM private key (-----BEGIN PRIVATE KEY-----)`]);
  }
  // MSAL wants PKCS#8 ("BEGIN PRIVATE KEY"); convert an RSA/EC key so either export works.
  const privateKey = createPrivateKey(keyMatch[0]).export({ type: 'pkcs8', format: 'pem' }).toString();
  if (thumbprint) {
    const certificate = thumbprint.length === 64 ? { privateKey, thumbprintSha256: thumbprint } : { privateKey, thumbprint };
    return { kind: 'certificate', certificate };
  }
  const certMatch = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/.exec(pem);
  if (!certMatch) {
    throw new ConfigError([
      `GRAPH_CLIENT_CERTIFICATE_THUMBPRINT: required because ${path} holds no certificate to compute it from`,
    ]);
  }
  const thumbprintSha256 = new X509Certificate(certMatch[0]).fingerprint256.replace(/:/g, '').toLowerCase();
  return { kind: 'certificate', certificate: { privateKey, thumbprintSha256 } };
}

/** The variables live mode still needs (empty when it is on). */
export function missingLiveVariables(graph: ServerConfig['graph']): string[] {
  const needed = { GRAPH_TENANT_ID: graph.tenantId, GRAPH_CLIENT_ID: graph.clientId, GRAPH_CLIENT_SECRET: graph.credential };
  return Object.entries(needed).flatMap(([name, value]) => (value ? [] : [name]));
}

/** "A", "A and B", "A, B and C". */
export function listInWords(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** Why live mode is off, naming the variables to set; undefined when it is on. */
export function liveUnavailableReason(graph: ServerConfig['graph']): string | undefined {
  const missing = missingLiveVariables(graph);
  if (missing.length === 0) return undefined;
  const certificateNote = graph.credential ? '' : ' (or GRAPH_CLIENT_CERTIFICATE_PATH instead of the secret)';
  return `Live mode is off: set ${listInWords(missing)}${certificateNote} on the server (see .env.example).`;
}

/** GET /api/config: what the server can do in live mode, why not when it cannot, and the callback URL to register. */
export function consoleConfigOf(config: ServerConfig, localUrl: string): ConsoleConfig {
  const reason = liveUnavailableReason(config.graph);
  return {
    live: reason === undefined ? { available: true } : { available: false, reason },
    ...(config.graph.clientId ? { appId: config.graph.clientId } : {}),
    ...(config.publicUrl
      ? { callbackUrl: `${config.publicUrl}${CALLBACK_PATH}` }
      : {
          callbackUrl: `${localUrl.replace(/\/$/, '')}${CALLBACK_PATH}`,
          callbackUrlNote: 'PUBLIC_URL is not set: this local callback URL is unreachable for Graph; expose it through a tunnel and set PUBLIC_URL.',
        }),
  };
}

export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '');
  if (bare === 'localhost') return true;
  if (isIP(bare) === 4) return bare.startsWith('127.');
  return bare === '::1';
}

/** 0.0.0.0 or `::`: every interface, which says nothing about the name the console is reached by. */
export const isAnyAddress = (host: string): boolean => ['0.0.0.0', '::', '[::]'].includes(host);

/** The host as a URL or Host header writes it: an IPv6 address in brackets. */
export const bracketed = (host: string): string => (host.includes(':') && !host.startsWith('[') ? `[${host}]` : host);

/** Builds the configuration from environment variables, or throws ConfigError listing every problem. */
export function configFromEnvironment(env: NodeJS.ProcessEnv): ServerConfig {
  // An empty or blank variable counts as unset: it takes its default.
  const set = Object.entries(env).filter(([, value]) => value !== undefined && value.trim() !== '');
  const parsed = environmentSchema.safeParse(Object.fromEntries(set));
  if (!parsed.success) {
    throw new ConfigError([describeProblems(parsed.error)]);
  }
  const vars = parsed.data;
  const problems: string[] = [];
  if (vars.GRAPH_CLIENT_SECRET && vars.GRAPH_CLIENT_CERTIFICATE_PATH) {
    problems.push('GRAPH_CLIENT_SECRET and GRAPH_CLIENT_CERTIFICATE_PATH: set one or the other, not both');
  }
  if (vars.GRAPH_CLIENT_CERTIFICATE_THUMBPRINT && !vars.GRAPH_CLIENT_CERTIFICATE_PATH) {
    problems.push('GRAPH_CLIENT_CERTIFICATE_THUMBPRINT: set only together with GRAPH_CLIENT_CERTIFICATE_PATH');
  }
  if (vars.FORWARD_TO && vars.PUBLIC_URL && new URL(vars.FORWARD_TO).origin === new URL(vars.PUBLIC_URL).origin) {
    problems.push("FORWARD_TO: points at the console itself (PUBLIC_URL); set it to the bot's own callback URL");
  }
  if (problems.length > 0) throw new ConfigError(problems);

  let credential: GraphCredential | undefined;
  if (vars.GRAPH_CLIENT_SECRET) credential = { kind: 'secret', clientSecret: vars.GRAPH_CLIENT_SECRET };
  else if (vars.GRAPH_CLIENT_CERTIFICATE_PATH) {
    credential = loadCertificate(vars.GRAPH_CLIENT_CERTIFICATE_PATH, vars.GRAPH_CLIENT_CERTIFICATE_THUMBPRINT);
  }

  return {
    host: vars.HOST,
    port: vars.PORT,
    distDir: vars.DIST_DIR,
    dataDir: vars.DATA_DIR,
    publicUrl: vars.PUBLIC_URL,
    forwardSecret: vars.FORWARD_SECRET,
    ...(vars.FORWARD_TO
      ? { forwardTo: { url: vars.FORWARD_TO, timeoutMs: vars.FORWARD_TIMEOUT_MS, maxInFlight: vars.FORWARD_MAX_IN_FLIGHT } }
      : {}),
    consoleAccessToken: vars.CONSOLE_TOKEN,
    extraLocalHosts: vars.CONSOLE_ALLOWED_HOSTS,
    graph: {
      baseUrl: vars.GRAPH_BASE_URL,
      authorityHost: vars.GRAPH_AUTHORITY_HOST,
      scope: vars.GRAPH_SCOPE,
      tenantId: vars.GRAPH_TENANT_ID,
      clientId: vars.GRAPH_CLIENT_ID,
      credential,
      timeoutMs: vars.GRAPH_TIMEOUT_MS,
    },
    notifications: {
      openIdConfigUrl: vars.NOTIFY_OPENID_CONFIG_URL,
      clockSkewSeconds: vars.NOTIFY_CLOCK_SKEW_SECONDS,
      allowedTenants: vars.NOTIFY_ALLOWED_TENANTS,
    },
    maxBodyBytes: vars.MAX_BODY_BYTES,
    relay: {
      maxBufferedBytes: vars.RELAY_MAX_BUFFERED_BYTES,
      pingIntervalMs: vars.RELAY_PING_INTERVAL_MS,
      maxClients: vars.RELAY_MAX_CLIENTS,
    },
    retention: {
      maxBytes: vars.DATA_MAX_MB * 1024 * 1024,
      maxAgeMs: vars.DATA_MAX_DAYS * 24 * 60 * 60 * 1000,
    },
    ...(vars.REDIS_URL
      ? { redis: { url: vars.REDIS_URL, streamMaxEntries: vars.REDIS_STREAM_MAX } }
      : {}),
  };
}

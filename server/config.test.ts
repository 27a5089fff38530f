import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, configFromEnvironment, ENVIRONMENT_VARIABLES, isLoopbackHost, liveUnavailableReason } from './config';
import { temporaryDirectory } from './test-support/config';

function problemsOf(env: Record<string, string>): string[] {
  try {
    configFromEnvironment(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('configuration from the environment', () => {
  it('has working defaults: mock mode on loopback', () => {
    const config = configFromEnvironment({});
    expect(config).toMatchObject({ host: '127.0.0.1', port: 5173, dataDir: './.data', maxBodyBytes: 256 * 1024 });
    expect(config.graph).toMatchObject({ baseUrl: 'https://graph.microsoft.com', authorityHost: 'https://login.microsoftonline.com', timeoutMs: 15_000 });
    expect(config.notifications.openIdConfigUrl).toBe('https://api.aps.skype.com/v1/.well-known/OpenIdConfiguration');
    expect(liveUnavailableReason(config.graph)).toContain('GRAPH_TENANT_ID, GRAPH_CLIENT_ID and GRAPH_CLIENT_SECRET');
  });

  it('turns live mode on with a tenant, an app id and a secret', () => {
    const config = configFromEnvironment({ GRAPH_TENANT_ID: 't', GRAPH_CLIENT_ID: 'c', GRAPH_CLIENT_SECRET: 's', PUBLIC_URL: 'https://x.example/' });
    expect(liveUnavailableReason(config.graph)).toBeUndefined();
    expect(config.graph.credential).toEqual({ kind: 'secret', clientSecret: 's' });
    expect(config.publicUrl).toBe('https://x.example');
  });

  it('names just what is missing', () => {
    expect(liveUnavailableReason(configFromEnvironment({ GRAPH_TENANT_ID: 't', GRAPH_CLIENT_ID: 'c' }).graph)).toContain('set GRAPH_CLIENT_SECRET');
  });

  it('treats empty variables as unset', () => {
    expect(configFromEnvironment({ PORT: '', GRAPH_CLIENT_SECRET: '  ' }).port).toBe(5173);
  });

  it('refuses bad values with messages that name the variable', () => {
    const problems = problemsOf({
      PORT: 'eighty',
      PUBLIC_URL: 'console.example.net',
      GRAPH_AUTHORITY_HOST: 'http://login.example',
      FORWARD_SECRET: 'short',
      GRAPH_TIMEOUT_MS: '-1',
    });
    // z.prettifyError's format: each problem, then the variable it is about.
    const text = problems.join('\n');
    expect(text).toMatch(/^✖ must be a whole number from 0 to 65535\n {2}→ at PORT$/m);
    expect(text).toMatch(/^✖ must be an absolute http\(s\) URL\n {2}→ at PUBLIC_URL$/m);
    expect(text).toMatch(/^✖ .*https.*\n {2}→ at GRAPH_AUTHORITY_HOST$/m);
    expect(text).toMatch(/^✖ must be at least 16 characters.*\n {2}→ at FORWARD_SECRET$/m);
    expect(text).toMatch(/→ at GRAPH_TIMEOUT_MS$/m);
  });

  it('reads FORWARD_TO with its defaults, keeps its path as given, and refuses one that is PUBLIC_URL', () => {
    expect(configFromEnvironment({}).forwardTo).toBeUndefined();
    expect(configFromEnvironment({ FORWARD_TO: 'http://localhost:3978/api/calling/' }).forwardTo).toEqual({
      url: 'http://localhost:3978/api/calling/',
      timeoutMs: 10_000,
      maxInFlight: 64,
    });
    expect(configFromEnvironment({ FORWARD_TO: 'https://bot.example/cb', FORWARD_TIMEOUT_MS: '2500', FORWARD_MAX_IN_FLIGHT: '8' }).forwardTo).toMatchObject({ timeoutMs: 2_500, maxInFlight: 8 });
    expect(problemsOf({ FORWARD_TO: 'localhost:3978' }).join('\n')).toMatch(/must be the bot's absolute http\(s\) callback URL.*\n.*at FORWARD_TO$/m);
    expect(problemsOf({ FORWARD_TO: 'ftp://bot.example/' }).join('\n')).toMatch(/→ at FORWARD_TO$/m);
    expect(problemsOf({ FORWARD_TO: 'https://bot.example', FORWARD_TIMEOUT_MS: '10' }).join('\n')).toMatch(/→ at FORWARD_TIMEOUT_MS$/m);
    expect(problemsOf({ FORWARD_TO: 'https://console.example.net/api/calls', PUBLIC_URL: 'https://console.example.net' })[0]).toContain('points at the console itself');
  });

  it('refuses a secret and a certificate together, and a thumbprint without a certificate', () => {
    expect(problemsOf({ GRAPH_CLIENT_SECRET: 's', GRAPH_CLIENT_CERTIFICATE_PATH: '/x.pem' })[0]).toContain('not both');
    expect(problemsOf({ GRAPH_CLIENT_CERTIFICATE_THUMBPRINT: 'ab'.repeat(32) })[0]).toContain('GRAPH_CLIENT_CERTIFICATE_PATH');
  });

  it('says when the certificate file cannot be read or holds no key', () => {
    expect(problemsOf({ GRAPH_CLIENT_CERTIFICATE_PATH: '/nonexistent/app.pem' })[0]).toContain('cannot read /nonexistent/app.pem');
    const noKey = join(temporaryDirectory('cert'), 'empty.pem');
    writeFileSync(noKey, 'nothing here');
    expect(problemsOf({ GRAPH_CLIENT_CERTIFICATE_PATH: noKey })[0]).toContain('no PEM private key');
  });

  it('.env.example documents every variable, and its values are accepted as they stand', () => {
    const example = readFileSync(new URL('../.env.example', import.meta.url), 'utf8');
    const assigned = Object.fromEntries(
      example
        .split('\n')
        .filter((line) => /^[A-Z_]+=/.test(line))
        .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
    );
    for (const name of ENVIRONMENT_VARIABLES) expect(Object.keys(assigned), name).toContain(name);
    expect(problemsOf(assigned)).toEqual([]);
  });

  it('keeps everything embedded without REDIS_URL, and shares the log in Redis with it', () => {
    expect(configFromEnvironment({}).redis).toBeUndefined();
    expect(configFromEnvironment({ REDIS_URL: 'redis://127.0.0.1:6379/2' }).redis).toEqual({ url: 'redis://127.0.0.1:6379/2', streamMaxEntries: 100_000 });
    expect(configFromEnvironment({ REDIS_URL: 'rediss://team.example:6380', REDIS_STREAM_MAX: '5000' }).redis?.streamMaxEntries).toBe(5000);
    const problems = problemsOf({ REDIS_URL: 'http://127.0.0.1:6379', REDIS_STREAM_MAX: '10' }).join('\n');
    expect(problems).toMatch(/must be a redis:\/\/ or rediss:\/\/ URL.*\n.*at REDIS_URL/);
    expect(problems).toMatch(/must be a whole number from 1000 to 100000000\n.*at REDIS_STREAM_MAX/);
  });

  it('knows loopback hosts', () => {
    for (const host of ['127.0.0.1', '127.0.0.2', 'localhost', '::1', '[::1]']) expect(isLoopbackHost(host)).toBe(true);
    for (const host of ['0.0.0.0', '::', '192.168.1.5', 'console.example.net']) expect(isLoopbackHost(host)).toBe(false);
  });
});

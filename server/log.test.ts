import { describe, expect, it } from 'vitest';
import { startServer } from './app';
import { testConfig } from './test-support/config';
import { startFakeUpstream } from './test-support/fake-upstream';
import { rawRequest } from './test-support/http-client';

describe('request logs', () => {
  it('hold one line per request and never a token, secret, cookie or Authorization', async () => {
    const secrets = {
      graphToken: 'graph-app-token-SECRET-1',
      consoleToken: 'console-access-token-SECRET-2',
      forwardSecret: 'forward-secret-SECRET-3-0123456789',
      bearer: 'notification-bearer-SECRET-4',
      browserAuthorization: 'browser-authorization-SECRET-5',
    };
    const upstream = await startFakeUpstream();
    const lines: string[] = [];
    const server = await startServer(
      testConfig({ consoleAccessToken: secrets.consoleToken, forwardSecret: secrets.forwardSecret, graph: { baseUrl: upstream.url } }),
      { log: (line) => lines.push(line), getGraphToken: () => Promise.resolve(secrets.graphToken) },
    );
    try {
      const headers = { 'x-console-token': secrets.consoleToken, authorization: `Bearer ${secrets.browserAuthorization}` };
      await rawRequest(server.port, { path: `/?token=${secrets.consoleToken}` });
      await rawRequest(server.port, { path: '/graph/v1.0/communications/calls/abc', headers });
      await rawRequest(server.port, { method: 'POST', path: '/api/calls', headers: { authorization: `Bearer ${secrets.bearer}` }, body: '{}' });
      await rawRequest(server.port, { method: 'POST', path: '/api/forward', headers: { 'x-forward-secret': secrets.forwardSecret }, body: '{}' });
      await rawRequest(server.port, { method: 'POST', path: '/api/forward', headers: { 'x-forward-secret': 'wrong' }, body: '{}' });
    } finally {
      await server.close();
      await upstream.close();
    }
    expect(lines).toHaveLength(5);
    expect(lines.every((line) => / (GET|POST) \/\S* \d{3} \d+ms/.test(line))).toBe(true);
    const everything = lines.join('\n');
    for (const secret of Object.values(secrets)) expect(everything).not.toContain(secret);
  });
});

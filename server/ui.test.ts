/** The UI's files while dist/ changes under a running server: built later, or being rebuilt. */
import { renameSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from './app';
import { temporaryDirectory, testConfig } from './test-support/config';
import { rawRequest } from './test-support/http-client';

let server: RunningServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('the UI while dist/ changes', () => {
  it('answers 503 with Retry-After while dist/ is being rebuilt, then serves the new build', async () => {
    const config = testConfig();
    server = await startServer(config, { log: () => undefined });
    const { port } = server;
    expect((await rawRequest(port, { path: '/' })).status).toBe(200);

    // `vite build` empties dist/ before writing it again.
    const aside = `${temporaryDirectory('aside')}/dist`;
    renameSync(config.distDir, aside);
    for (const path of ['/', '/index.html', '/calls/some-call', '/assets/index-abc123.js']) {
      const response = await rawRequest(port, { path });
      expect(response.status, path).toBe(503);
      expect(response.headers['retry-after'], path).toBe('2');
      expect(response.text, path).toContain('being rebuilt');
    }

    renameSync(aside, config.distDir);
    expect((await rawRequest(port, { path: '/' })).status).toBe(200);
    expect((await rawRequest(port, { path: '/assets/index-abc123.js' })).status).toBe(200);
  });

  it('serves a build made after the server started', async () => {
    const config = testConfig();
    const dist = config.distDir;
    const aside = `${temporaryDirectory('aside')}/dist`;
    renameSync(dist, aside);
    server = await startServer(config, { log: () => undefined });
    expect(server.distBuilt).toBe(false);
    const before = await rawRequest(server.port, { path: '/' });
    expect(before.status).toBe(503);
    expect(before.text).toContain('npm run build');

    renameSync(aside, dist);
    expect((await rawRequest(server.port, { path: '/' })).status).toBe(200);
  });
});

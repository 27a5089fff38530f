/**
 * vitest globalSetup: makes the fake Graph's certificate before any test
 * worker starts, and sets NODE_EXTRA_CA_CERTS so the workers, forked after
 * this runs, trust it. Node reads that variable only at process start, so
 * setting it inside a test would be too late. Needs vitest's `forks` pool
 * (the default): `threads` workers share this process, which started without it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeTestCertificate } from './certificate';
import { TLS_CERT_FILE_ENV, TLS_KEY_FILE_ENV } from './test-tls';

export default async function setup(): Promise<() => Promise<void>> {
  const dir = await mkdtemp(join(tmpdir(), 'fake-graph-tls-'));
  const { key, cert } = await makeTestCertificate();
  const keyFile = join(dir, 'key.pem');
  const certFile = join(dir, 'cert.pem');
  const bundleFile = join(dir, 'extra-ca-certs.pem');
  // Keep whatever extra CAs the developer already trusts (a corporate proxy's, say).
  const previous = process.env.NODE_EXTRA_CA_CERTS;
  const inherited = previous && existsSync(previous) ? `${readFileSync(previous, 'utf8').trim()}\n` : '';
  await Promise.all([
    writeFile(keyFile, key, { mode: 0o600 }),
    writeFile(certFile, cert),
    writeFile(bundleFile, `${inherited}${cert}`),
  ]);
  process.env[TLS_KEY_FILE_ENV] = keyFile;
  process.env[TLS_CERT_FILE_ENV] = certFile;
  process.env.NODE_EXTRA_CA_CERTS = bundleFile;
  return async () => {
    if (previous === undefined) delete process.env.NODE_EXTRA_CA_CERTS;
    else process.env.NODE_EXTRA_CA_CERTS = previous;
    await rm(dir, { recursive: true, force: true });
  };
}

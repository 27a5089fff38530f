/**
 * The certificate vitest-global-setup.ts made for this test run. Tests serve
 * the fake Graph with it; this process already trusts it (NODE_EXTRA_CA_CERTS),
 * and so does any child process started with this process's environment.
 */
import { readFileSync } from 'node:fs';

export const TLS_KEY_FILE_ENV = 'FAKE_GRAPH_TLS_KEY_FILE';
export const TLS_CERT_FILE_ENV = 'FAKE_GRAPH_TLS_CERT_FILE';

export interface TestTls {
  key: string;
  cert: string;
  /** The certificate's file, for a child process's NODE_EXTRA_CA_CERTS. */
  certFile: string;
}

export function loadTestTls(): TestTls {
  const keyFile = process.env[TLS_KEY_FILE_ENV];
  const certFile = process.env[TLS_CERT_FILE_ENV];
  if (!keyFile || !certFile) {
    throw new Error(
      `${TLS_KEY_FILE_ENV}/${TLS_CERT_FILE_ENV} are not set: run this test through vitest with ` +
        "globalSetup 'e2e/fake-graph/vitest-global-setup.ts' (see vite.config.ts), which makes the certificate " +
        'and sets NODE_EXTRA_CA_CERTS before the test processes start.',
    );
  }
  return { key: readFileSync(keyFile, 'utf8'), cert: readFileSync(certFile, 'utf8'), certFile };
}

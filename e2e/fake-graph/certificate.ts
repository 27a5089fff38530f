/**
 * A throwaway TLS certificate for the fake Graph. MSAL refuses plain-http
 * authorities, so the fake must speak real TLS; Node trusts this certificate
 * only when a process starts with NODE_EXTRA_CA_CERTS pointing at it.
 */
import { generate } from 'selfsigned';

export interface TestCertificate {
  /** PEM private key. */
  key: string;
  /** PEM certificate; also the file to give NODE_EXTRA_CA_CERTS. */
  cert: string;
}

const VALID_DAYS = 30;

export async function makeTestCertificate(): Promise<TestCertificate> {
  const notBeforeDate = new Date(Date.now() - 60_000); // a little clock skew between processes is harmless
  const notAfterDate = new Date(notBeforeDate.getTime() + VALID_DAYS * 24 * 3600 * 1000);
  const pems = await generate([{ name: 'commonName', value: 'localhost' }], {
    // EC keys are generated in milliseconds, RSA ones can take a second: tests make one per run.
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate,
    extensions: [
      // A self-signed leaf that is also its own trust anchor: OpenSSL accepts it as CA in NODE_EXTRA_CA_CERTS.
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', digitalSignature: true, keyCertSign: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'localhost' },
          { type: 7, ip: '127.0.0.1' },
          { type: 7, ip: '::1' },
        ],
      },
    ],
  });
  return { key: pems.private, cert: pems.cert };
}

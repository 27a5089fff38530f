import { describe, expect, it } from 'vitest';
import { msalConfiguration } from './graph-token';
import { testConfig } from './test-support/config';

describe('MSAL configuration', () => {
  it('uses the public cloud authority as it is', () => {
    const { graph } = testConfig();
    const { auth } = msalConfiguration(graph, () => undefined);
    expect(auth.authority).toBe(`https://login.microsoftonline.com/${graph.tenantId ?? ''}`);
    expect(auth.knownAuthorities).toBeUndefined();
    expect(auth.clientSecret).toBe('test-secret-never-used');
  });

  it('declares any other authority host as known, with its port', () => {
    const { graph } = testConfig({ graph: { authorityHost: 'https://localhost:8443' } });
    const { auth } = msalConfiguration(graph, () => undefined);
    expect(auth.authority).toBe(`https://localhost:8443/${graph.tenantId ?? ''}`);
    expect(auth.knownAuthorities).toEqual(['localhost:8443']);
  });

  it('passes a certificate credential with its thumbprint', () => {
    const { graph } = testConfig({ graph: { credential: { kind: 'certificate', certificate: { privateKey: 'PEM', thumbprintSha256: 'ab'.repeat(32) } } } });
    const { auth } = msalConfiguration(graph, () => undefined);
    expect(auth.clientCertificate).toEqual({ privateKey: 'PEM', thumbprintSha256: 'ab'.repeat(32) });
    expect(auth.clientSecret).toBeUndefined();
  });
});

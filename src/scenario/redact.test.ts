import { describe, expect, it } from 'vitest';
import { exportScenario } from './export';
import { isSecretKey, redact, REDACTED } from './redact';
import { eventsWithSecrets } from './test-support';

const SECRETS = ['eyJhbGciOiJSUzI1NiJ9', 'sas-123', 's3cr3t', 'k-123', 'abcdef', 'hunter2', 'abc123'];

describe('redact', () => {
  it('replaces credential keys at any depth, whatever their value', () => {
    expect(redact({ a: { b: [{ recordingAccessToken: 'x' }, { Authorization: { scheme: 'Bearer' } }] } })).toEqual({
      a: { b: [{ recordingAccessToken: REDACTED }, { Authorization: REDACTED }] },
    });
  });

  it('knows the usual spellings of a secret and leaves clientContext alone', () => {
    for (const key of ['authorization', 'Authorization', 'access_token', 'refreshToken', 'client_secret', 'password', 'x-api-key', 'apiKey', 'Cookie', 'client_assertion', 'validationTokens']) {
      expect(isSecretKey(key), key).toBe(true);
    }
    for (const key of ['clientContext', 'status', 'resultInfo', 'location', 'request-id', 'id']) expect(isSecretKey(key), key).toBe(false);
  });

  it('strips bearer tokens, JWTs and credential query parameters from any string', () => {
    expect(redact('Bearer abc.def-ghi')).toBe(`Bearer ${REDACTED}`);
    expect(redact('see eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIn0.x here')).toBe(`see ${REDACTED} here`);
    expect(redact('https://x/y?sv=1&sig=abc%2F&token=t1#f')).toBe(`https://x/y?sv=1&sig=${REDACTED}&token=${REDACTED}#f`);
  });

  it('does not change what it is given', () => {
    const input = { password: 'p' };
    redact(input);
    expect(input.password).toBe('p');
  });
});

describe('exportScenario redaction', () => {
  it('lets no token, secret or Authorization value through, nested or not, with or without re-keying', () => {
    for (const rekey of [undefined, { seed: 3 }]) {
      const scenario = exportScenario(eventsWithSecrets(), { name: 'secrets', mode: 'live', calls: [], ...(rekey ? { rekey } : {}) });
      const text = JSON.stringify(scenario);
      for (const secret of SECRETS) expect(text, secret).not.toContain(secret);
      expect(text).toContain('"clientContext":"ctx"');
      const response = scenario.steps[1];
      expect(response?.kind === 'response' && response.headers.Authorization).toBe(REDACTED);
    }
  });
});

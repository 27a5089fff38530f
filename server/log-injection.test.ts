/**
 * Nothing a client sends can put a control character on the operator's
 * terminal: every log line is stripped of them, whatever carried them in
 * (here, jose's message about a JWT header's `crit` parameter).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from './app';
import { safeForLog } from './log';
import { testConfig } from './test-support/config';
import { rawRequest } from './test-support/http-client';
import { startNotificationKeys, type NotificationKeys } from './test-support/notification-keys';

const ESCAPE_SEQUENCE = '\u001b]0;owned\u0007\u001b[2J\r\n2026-01-01T00:00:00.000Z GET / 200 1ms';
// Control characters (C0, DEL, C1) and the line and bidirectional-override characters that rewrite what a terminal shows.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

let keys: NotificationKeys;
beforeAll(async () => {
  keys = await startNotificationKeys();
});
afterAll(async () => {
  await keys.close();
});

describe('log lines', () => {
  it('never carry the control characters of a hostile JWT header', async () => {
    const lines: string[] = [];
    const server = await startServer(testConfig({ notifications: { openIdConfigUrl: keys.openIdConfigUrl } }), { log: (line) => lines.push(line) });
    try {
      // Built by hand: jose would refuse to sign with an unknown crit parameter, but a verifier must read it.
      const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
      const token = `${part({ alg: 'RS256', kid: 'key-1', crit: [ESCAPE_SEQUENCE], [ESCAPE_SEQUENCE]: true })}.${part({ tid: 'x' })}.${'A'.repeat(342)}`;
      const response = await rawRequest(server.port, {
        method: 'POST',
        path: '/api/calls',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: '{}',
      });
      expect(response.status).toBe(403);
    } finally {
      await server.close();
    }
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('owned'); // the reason is still there, only made harmless
    expect(lines[0]).toMatch(/\\u001b|\\x1b/);
    for (const line of lines) expect(line).not.toMatch(UNSAFE);
  });

  it('are made safe by safeForLog, which keeps printable text as it is', () => {
    expect(safeForLog('plain text, ünïcode, emoji 📞')).toBe('plain text, ünïcode, emoji 📞');
    expect(safeForLog('a\u001b[31mb\u0007c\u009bd\u202ee\nf')).not.toMatch(UNSAFE);
    expect(safeForLog('a\nb')).toBe('a\\nb');
  });
});

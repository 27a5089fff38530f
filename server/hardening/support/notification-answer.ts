/**
 * What a notification endpoint may answer to any request at all: 202 exactly
 * when the request must be accepted; otherwise a Graph-format 400, 403 or
 * 413, or Node's own 431 for a header over its limit; never a 5xx; and a
 * dropped connection only for a body over the limit (one the server refuses
 * to read to the end). Shared by the callback and forward fuzz tests.
 */
import { graphErrorSchema } from '../../../src/graph/schemas';
import { check } from './check';
import type { FuzzResponse } from './keep-alive-client';

export interface Expectation {
  mustAccept: boolean;
  headerTooLarge: boolean;
  bodyBytes: number;
  limitBytes: number;
  /** Names the case in a failure message. */
  describe: () => string;
}

const REFUSALS = new Set([400, 403, 413]);

/** Checks the answer; returns the tally key ('202', '403', 'reset'...). */
export function checkNotificationAnswer(response: FuzzResponse, expected: Expectation): string {
  if (response.kind === 'reset') {
    check(expected.bodyBytes > expected.limitBytes, () => `${expected.describe()}: connection reset (${response.code}) on a body within the limit`);
    return 'reset';
  }
  const { status } = response;
  const text = () => response.body.toString('utf8').slice(0, 300);
  check(status < 500, () => `${expected.describe()}: ${status} ${text()}`);
  check(status === 202 || REFUSALS.has(status) || status === 431, () => `${expected.describe()}: unexpected status ${status} ${text()}`);
  check((status === 431) === expected.headerTooLarge, () => `${expected.describe()}: 431 is only for a header over Node's limit, got ${status}`);
  check((status === 202) === expected.mustAccept, () => `${expected.describe()}: answered ${status}, but must ${expected.mustAccept ? '' : 'not '}be accepted: ${text()}`);
  if (REFUSALS.has(status)) {
    let body: unknown;
    try {
      body = JSON.parse(response.body.toString('utf8'));
    } catch {
      body = undefined;
    }
    check(graphErrorSchema.safeParse(body).success, () => `${expected.describe()}: a ${status} without a Graph-format error body: ${text()}`);
  }
  return String(status);
}

/**
 * The console as fuzz tests meet it: started in-process on port 0 (the fast
 * path: no child process, one keep-alive connection), with everything it
 * talks to up and watched — the notification signing keys, a fake Graph
 * upstream that records each request, and a relay client that records each
 * notification — so a test can assert what got through, not just statuses.
 */
import { startServer, type RunningServer } from '../../app';
import { testConfig } from '../../test-support/config';
import { startFakeUpstream, type FakeUpstream } from '../../test-support/fake-upstream';
import { startNotificationKeys, type NotificationKeys } from '../../test-support/notification-keys';
import type { TokenPool } from './hostile-auth';
import { keepAliveClient, type KeepAliveClient } from './keep-alive-client';
import { observeRelay, type RelayObserver } from './relay-observer';
import { throwawaySecret } from '../../../e2e/fake-graph/throwaway-secret';

export const FUZZ_FORWARD_SECRET = throwawaySecret();
export const FUZZ_GRAPH_TOKEN = 'fuzz-app-only-token';
/** Small enough that over-limit cases are cheap, large enough for deep nesting to fit under it. */
export const FUZZ_BODY_LIMIT = 64 * 1024;

/** Runs per property: at least 10,000 (the project's floor); FUZZ_RUNS raises it for a soak. */
export const FUZZ_RUNS = Math.max(10_000, Number(process.env.FUZZ_RUNS ?? 0) || 0);
/** Per fuzz test: about 2 ms a case on a busy 2-core machine, with room to spare. */
export const FUZZ_TIMEOUT_MS = 60_000 + FUZZ_RUNS * 15;
/** A fixed seed keeps CI deterministic; FUZZ_SEED=random (the soak) or a number explores further. */
export const FUZZ_SEED = process.env.FUZZ_SEED === 'random' ? Date.now() : Number(process.env.FUZZ_SEED ?? 20_260_501);

export interface FuzzTarget {
  server: RunningServer;
  client: KeepAliveClient;
  relay: RelayObserver;
  upstream: FakeUpstream;
  tokens: TokenPool;
  /** Log lines that report an internal error (a 500, or an answer cut off after its headers). */
  internalErrors: string[];
  close(): Promise<void>;
}

async function tokenPool(keys: NotificationKeys): Promise<TokenPool> {
  const now = Math.floor(Date.now() / 1000);
  const valid = await Promise.all([keys.sign(), keys.sign({ claims: { iss: 'https://graph.microsoft.com' } }), keys.sign({ claims: { extra: 'claim' } })]);
  const forged = await Promise.all([
    keys.sign({ forged: true }),
    keys.hs256(),
    keys.sign({ claims: { aud: '00000000-0000-4000-8000-000000000000' } }),
    keys.sign({ claims: { iss: 'https://login.example.com' } }),
    keys.sign({ claims: { tid: undefined } }),
    keys.sign({ claims: { tid: 42 } }),
    keys.sign({ claims: { tid: '' } }),
    keys.sign({ claims: { exp: undefined } }),
    keys.sign({ expiresInSeconds: -3600 }),
    keys.sign({ claims: { nbf: now + 3600 } }),
  ]);
  return { valid, forged: [...forged, keys.unsigned()] };
}

export async function startFuzzTarget(): Promise<FuzzTarget> {
  const keys = await startNotificationKeys();
  const upstream = await startFakeUpstream();
  const internalErrors: string[] = [];
  const server = await startServer(
    testConfig({
      forwardSecret: FUZZ_FORWARD_SECRET,
      maxBodyBytes: FUZZ_BODY_LIMIT,
      graph: { baseUrl: upstream.url },
      notifications: { openIdConfigUrl: keys.openIdConfigUrl },
    }),
    {
      // Only what a test asserts on is kept: 30,000 request lines would be noise.
      log: (line) => {
        if (/internal error|replay failed/i.test(line)) internalErrors.push(line);
      },
      getGraphToken: () => Promise.resolve(FUZZ_GRAPH_TOKEN),
    },
  );
  const relay = await observeRelay(server.port);
  const client = keepAliveClient(server.port);
  const tokens = await tokenPool(keys);
  return {
    server,
    client,
    relay,
    upstream,
    tokens,
    internalErrors,
    async close() {
      client.close();
      await relay.close();
      await server.close();
      await upstream.close();
      await keys.close();
    },
  };
}

/** Counts of each status (or 'reset'), for the printed summary. */
export function tally(counts: Map<string, number>, key: string): void {
  counts.set(key, (counts.get(key) ?? 0) + 1);
}

export function describeTally(counts: Map<string, number>): string {
  return [...counts.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, count]) => `${key}: ${count}`)
    .join(', ');
}

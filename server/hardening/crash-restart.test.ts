/**
 * kill -9 while signed notifications stream in: the console runs as a real
 * child process on a real DATA_DIR, is killed with SIGKILL mid-stream (no
 * shutdown code runs), and is started again on the same DATA_DIR and port.
 * Every notification answered 202 must be in the store, and a relay client
 * that reconnects with `since` (as the browser does) must end with every
 * stored notification, in order, with no gap and no duplicate.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { makeDist, temporaryDirectory, TEST_CLIENT_ID, TEST_TENANT_ID } from '../test-support/config';
import { startNotificationKeys } from '../test-support/notification-keys';
import { freePort, spawnServer, type ServerProcess } from '../test-support/server-process';
import { storedNotifications } from '../test-support/stored';
import { streamNotifications } from './support/notification-stream';
import { startResumingRelay } from './support/resuming-relay';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  // Last started, first stopped: the stream and relay client before the server they talk to.
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const contextOf = (body: string): string => (JSON.parse(body) as { value: { resourceData: { clientContext: string } }[] }).value[0]?.resourceData.clientContext ?? '';

describe('the console killed with SIGKILL mid-stream', () => {
  it('keeps every notification it answered 202, and a resuming relay client sees each one exactly once', async () => {
    const keys = await startNotificationKeys();
    cleanups.push(() => keys.close());
    const token = await keys.sign();
    const port = await freePort();
    const dataDir = temporaryDirectory('crash-data');
    const env = {
      HOST: '127.0.0.1',
      PORT: String(port),
      DATA_DIR: dataDir,
      DIST_DIR: makeDist(),
      GRAPH_TENANT_ID: TEST_TENANT_ID,
      GRAPH_CLIENT_ID: TEST_CLIENT_ID,
      NOTIFY_OPENID_CONFIG_URL: keys.openIdConfigUrl,
    };
    let server: ServerProcess = await spawnServer({ env });
    cleanups.push(() => server.stop());

    const relay = startResumingRelay(port);
    cleanups.push(() => relay.stop());
    const stream = streamNotifications({ port, token, senders: 4, maxAttempts: 2_000, maxMs: 45_000 });
    cleanups.push(() => stream.stop());

    await stream.waitForAccepted(40, 20_000);
    await server.killHard(); // requests are in flight: some stored and answered, some stored and not, some neither
    const acceptedBeforeKill = stream.accepted.size;
    server = await spawnServer({ env });
    await stream.waitForAccepted(acceptedBeforeKill + 40, 20_000);
    await stream.stop();

    const stored = storedNotifications(dataDir);
    const lastSeq = stored.at(-1)?.seq ?? 0;
    await relay.waitForSeq(lastSeq, 15_000);
    await new Promise((resolve) => setTimeout(resolve, 200)); // a duplicate would arrive now
    await relay.stop();
    await server.stop();

    const storedContexts = new Set(stored.map((row) => contextOf(row.body)));
    const lost = [...stream.accepted].filter((context) => !storedContexts.has(context));
    console.log(
      `kill -9: ${stream.attempts()} notifications sent, ${stream.accepted.size} answered 202 (${acceptedBeforeKill} before the kill), ` +
        `${stored.length} stored, ${lost.length} lost; relay client: ${relay.seqs.length} received over ${relay.connections()} connections, ` +
        `${relay.gaps.length} gaps, ${relay.duplicates.length} duplicates`,
    );
    expect(lost, 'every notification answered 202 is in the store').toEqual([]);
    expect(stored.map((row) => row.seq), 'seq has no hole across the crash').toEqual(stored.map((_, index) => index + 1));
    expect(relay.connections(), 'the relay client had to reconnect').toBeGreaterThanOrEqual(2);
    expect(relay.gaps).toEqual([]);
    expect(relay.duplicates).toEqual([]);
    expect(relay.seqs).toEqual(stored.map((row) => row.seq));
    expect(relay.seqs.map((seq) => relay.bodies.get(seq))).toEqual(stored.map((row) => JSON.stringify(JSON.parse(row.body))));
  }, 120_000);
});

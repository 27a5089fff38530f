/**
 * Every notification body Microsoft's Graph docs show a bot receiving, sent to
 * the console as Graph sends it: POSTed to the callback URL with a signed
 * token, over real HTTP to the server as a child process. Each must be
 * answered 202, relayed byte for byte to a websocket client, and stored: a
 * client that connects afterwards from the start gets every one again from
 * the store.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import fixture from '../src/graph/fixtures/docs-notifications.json';
import { makeDist, temporaryDirectory, TEST_CLIENT_ID, TEST_TENANT_ID } from './test-support/config';
import { rawRequest } from './test-support/http-client';
import { startNotificationKeys, type NotificationKeys } from './test-support/notification-keys';
import { freePort, spawnServer, type ServerProcess } from './test-support/server-process';

/** Each body as Graph would put it on the wire: compact JSON, keys in the docs' order. */
const bodies = fixture.examples.map((example) => JSON.stringify(example.body));

interface RawRelayClient {
  /** Every text frame, as received. */
  frames: string[];
  waitForNotifications(count: number, timeoutMs?: number): Promise<string[]>;
  close(): Promise<void>;
}

/** A relay client that keeps the frames as text, so a test can compare bytes, not parsed values. */
async function connectRawRelay(port: number, since: number): Promise<RawRelayClient> {
  const socket = new WebSocket(`ws://127.0.0.1:${port}/relay?since=${since}`);
  const frames: string[] = [];
  socket.on('message', (data: Buffer) => frames.push(data.toString('utf8')));
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  const notifications = () => frames.filter((frame) => (JSON.parse(frame) as { type: string }).type === 'notification');
  return {
    frames,
    async waitForNotifications(count, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      while (notifications().length < count) {
        if (Date.now() > deadline) throw new Error(`expected ${count} notifications on the relay, got ${notifications().length}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return notifications();
    },
    async close() {
      if (socket.readyState === WebSocket.CLOSED) return;
      const closed = new Promise((resolve) => socket.once('close', resolve));
      socket.close();
      await closed;
    },
  };
}

/** The relay message's body exactly as it sits in the frame. */
function bodyText(frame: string): string {
  const message = JSON.parse(frame) as { body: unknown };
  const text = JSON.stringify(message.body);
  expect(frame).toContain(`"body":${text}`);
  return text;
}

let keys: NotificationKeys;
let server: ServerProcess;

beforeAll(async () => {
  keys = await startNotificationKeys();
  const port = await freePort();
  server = await spawnServer({
    env: {
      HOST: '127.0.0.1',
      PORT: String(port),
      DATA_DIR: temporaryDirectory('docs-data'),
      DIST_DIR: makeDist(),
      GRAPH_TENANT_ID: TEST_TENANT_ID,
      GRAPH_CLIENT_ID: TEST_CLIENT_ID,
      NOTIFY_OPENID_CONFIG_URL: keys.openIdConfigUrl,
    },
  });
}, 60_000);

afterAll(async () => {
  await server.stop();
  await keys.close();
});

describe('the notification bodies of Graph’s docs, end to end', () => {
  it('are each answered 202, relayed byte for byte and stored', async () => {
    expect(bodies).toHaveLength(96);
    const watcher = await connectRawRelay(server.port, 0);
    const token = await keys.sign();
    for (const [index, body] of bodies.entries()) {
      const response = await rawRequest(server.port, {
        method: 'POST',
        path: '/api/calls',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body,
      });
      expect(response.status, `${fixture.examples[index]?.source ?? ''} — ${fixture.examples[index]?.heading ?? ''}: ${response.text}`).toBe(202);
    }

    const relayed = await watcher.waitForNotifications(bodies.length);
    expect(relayed.map(bodyText)).toEqual(bodies);
    expect(relayed.map((frame) => JSON.parse(frame) as { seq: number; verified: boolean; source: string })).toEqual(
      bodies.map((_, index) => expect.objectContaining({ seq: index + 1, verified: true, source: 'graph' })),
    );
    await watcher.close();

    // A client that connects now, from the start, is served from the store.
    const late = await connectRawRelay(server.port, 0);
    const replayed = await late.waitForNotifications(bodies.length);
    expect(replayed.map(bodyText)).toEqual(bodies);
    await late.close();
  }, 60_000);
});

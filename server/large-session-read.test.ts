/**
 * Reading a large session never holds the server up: its events are read
 * from SQLite and sent a page at a time, as fast as the client takes them. So
 * while a client is in the middle of downloading a 40 MB session, the server
 * holds only a few pages of it and the relay keeps delivering; when the
 * client reads on, it gets the whole timeline, in order. (How long the event
 * loop stalls meanwhile is a speed figure: see `npm run bench`.)
 */
import Database from 'better-sqlite3';
import { get, type IncomingMessage } from 'node:http';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { sessionEventsSchema } from '../src/graph/sessions';
import { startServer, type RunningServer } from './app';
import { DATABASE_FILE, openDatabase } from './database';
import { temporaryDirectory, testConfig } from './test-support/config';
import { forwardNotification, TEST_FORWARD_SECRET } from './test-support/forward';
import { connectRelay, type RelayTestClient } from './test-support/relay-client';
import { operationDeleted } from './test-support/sample-notifications';

const SESSION_ID = '6f0e8f4e-3b7a-4c1d-9e2f-0a1b2c3d4e5f';
const NOTIFICATIONS = 20_000;
const PADDING = 'x'.repeat(2_000);
const RECORDED_EVERY = 100;
/** Far above a few pages, far below the session (built whole, it alone is 40 MB of JSON text). */
const MAX_HELD_BYTES = 24 * 1024 * 1024;

let server: RunningServer | undefined;
let watcher: RelayTestClient | undefined;
afterEach(async () => {
  await watcher?.close();
  await server?.close();
  server = undefined;
  watcher = undefined;
});

/** An ended session of NOTIFICATIONS notifications (about 40 MB) with a recorded request after every RECORDED_EVERY. */
function seedLargeSession(dataDir: string): void {
  openDatabase(dataDir).close();
  const db = new Database(join(dataDir, DATABASE_FILE));
  const insertNotification = db.prepare('INSERT INTO notifications (received_at, verified, source, body) VALUES (?, 0, ?, ?)');
  const insertEvent = db.prepare('INSERT INTO session_events (session_id, after_seq, event) VALUES (?, ?, ?)');
  db.transaction(() => {
    const receivedAt = new Date().toISOString();
    for (let seq = 1; seq <= NOTIFICATIONS; seq += 1) {
      insertNotification.run(receivedAt, 'forwarded', JSON.stringify({ ...operationDeleted('call-1', `op-${seq}`), padding: PADDING }));
      if (seq % RECORDED_EVERY === 0) {
        const event = { kind: 'request', id: `req-${seq}`, at: receivedAt, callId: 'call-1', profile: 'v1.0', method: 'POST', path: '/v1.0/communications/calls/call-1/cancelMediaProcessing', body: { clientContext: `c${seq}` } };
        insertEvent.run(SESSION_ID, seq, JSON.stringify(event));
      }
    }
    db.prepare('INSERT INTO sessions (id, name, started_at, ended_at, start_seq, end_seq) VALUES (?, ?, ?, ?, 0, ?)').run(SESSION_ID, 'Large', receivedAt, receivedAt, NOTIFICATIONS);
    db.prepare('INSERT INTO sessions (id, name, started_at, start_seq) VALUES (?, ?, ?, ?)').run('7f0e8f4e-3b7a-4c1d-9e2f-0a1b2c3d4e5f', 'Current', receivedAt, NOTIFICATIONS);
  })();
  db.close();
}

/** The process's memory that a response being built or buffered takes: its strings and its buffers. */
const heldBytes = () => {
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.external;
};

/** A console serving the large session, and a relay client on it. */
async function serveLargeSession(name: string): Promise<{ port: number; relay: RelayTestClient }> {
  const dataDir = temporaryDirectory(name);
  seedLargeSession(dataDir);
  server = await startServer(testConfig({ dataDir, forwardSecret: TEST_FORWARD_SECRET }), { log: () => undefined });
  watcher = await connectRelay(server.port, NOTIFICATIONS);
  return { port: server.port, relay: watcher };
}

describe('reading a large session', () => {
  it('holds a few pages of a 40 MB session while a client is mid-download, keeps relaying, then sends it all in order', async () => {
    const { port, relay } = await serveLargeSession('large');

    const before = heldBytes();
    // A client that takes the first bytes, then stops reading for a while.
    const chunks: Buffer[] = [];
    const { response, finished } = await new Promise<{ response: IncomingMessage; finished: Promise<void> }>((resolve, reject) => {
      get({ host: '127.0.0.1', port, path: `/api/sessions/${SESSION_ID}/events`, agent: false }, (res) => {
        const finished = new Promise<void>((done) => res.on('end', () => done()));
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.once('data', () => {
          res.pause();
          resolve({ response: res, finished });
        });
        res.on('error', reject);
      }).on('error', reject);
    });
    // Mid-download: a notification comes in and is relayed...
    await forwardNotification(port, operationDeleted('call-2', 'op-live'));
    const [relayed] = await relay.waitForNotifications(1, 30_000);
    expect(relayed?.seq).toBe(NOTIFICATIONS + 1);
    // ...and the server holds a few pages of the session, not all of it.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(heldBytes() - before, 'bytes held while the client waits').toBeLessThan(MAX_HELD_BYTES);

    response.resume();
    await finished;
    expect(response.statusCode).toBe(200);
    const { session, events } = sessionEventsSchema.parse(JSON.parse(Buffer.concat(chunks).toString('utf8')));
    expect(session.id).toBe(SESSION_ID);
    expect(events).toHaveLength(NOTIFICATIONS + NOTIFICATIONS / RECORDED_EVERY);
    // Each recorded request right after the notification it was recorded after.
    expect(events.slice(98, 103).map((event) => (event.kind === 'notification' ? `n${event.seq}` : event.kind))).toEqual(['n99', 'n100', 'request', 'n101', 'n102']);
    expect(events.at(-1)?.kind).toBe('request');
  }, 120_000);

  it('relays a notification that comes in while a client is downloading a 40 MB session as fast as it can', async () => {
    const { port, relay } = await serveLargeSession('large-busy');

    let downloadEnded = false;
    const chunks: Buffer[] = [];
    const { started, finished } = (() => {
      let onStarted: () => void = () => undefined;
      const started = new Promise<void>((resolve) => (onStarted = resolve));
      const finished = new Promise<number>((resolve, reject) => {
        get({ host: '127.0.0.1', port, path: `/api/sessions/${SESSION_ID}/events`, agent: false }, (res) => {
          res.on('data', (chunk: Buffer) => {
            chunks.push(chunk);
            onStarted();
          });
          res.on('end', () => {
            downloadEnded = true;
            resolve(res.statusCode ?? 0);
          });
          res.on('error', reject);
        }).on('error', reject);
      });
      return { started, finished };
    })();
    await started;
    await forwardNotification(port, operationDeleted('call-2', 'op-live'));
    const [relayed] = await relay.waitForNotifications(1, 30_000);
    expect(relayed?.seq).toBe(NOTIFICATIONS + 1);
    expect(downloadEnded, 'the download was still under way when the notification arrived').toBe(false);

    expect(await finished).toBe(200);
    const { events } = sessionEventsSchema.parse(JSON.parse(Buffer.concat(chunks).toString('utf8')));
    const seqs = events.flatMap((event) => (event.kind === 'notification' ? [event.seq] : []));
    expect(seqs).toEqual(Array.from({ length: NOTIFICATIONS }, (_, index) => index + 1));
  }, 120_000);
});

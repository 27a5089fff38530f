/**
 * The relay serves at most RELAY_MAX_CLIENTS websockets: one more is closed
 * at once with 1013 (Try Again Later) and a reason that names the limit,
 * and a place frees up when a client leaves.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { startServer, type RunningServer } from './app';
import { RELAY_FULL_CLOSE_CODE } from './relay';
import { testConfig } from './test-support/config';
import { connectRelay, type RelayTestClient } from './test-support/relay-client';

let server: RunningServer | undefined;
const clients: RelayTestClient[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close()));
  await server?.close();
  server = undefined;
});

async function connect(port: number) {
  const client = await connectRelay(port, 0);
  clients.push(client);
  return client;
}

describe('the relay client cap', () => {
  it('closes the client beyond RELAY_MAX_CLIENTS with 1013 and a reason naming the limit, and lets one in when another leaves', async () => {
    server = await startServer(testConfig({ relay: { maxClients: 3 } }), { log: () => undefined });
    const admitted = [await connect(server.port), await connect(server.port), await connect(server.port)];
    for (const client of admitted) expect(client.messages[0]?.type).toBe('hello');

    const extra = new WebSocket(`ws://127.0.0.1:${server.port}/relay?since=0`);
    const received: string[] = [];
    extra.on('message', (data: Buffer) => received.push(data.toString('utf8')));
    const closed = await new Promise<{ code: number; reason: string }>((resolve) => extra.on('close', (code, reason) => resolve({ code, reason: reason.toString('utf8') })));
    expect(RELAY_FULL_CLOSE_CODE).toBe(1013);
    expect(closed.code).toBe(RELAY_FULL_CLOSE_CODE);
    expect(closed.reason).toContain('RELAY_MAX_CLIENTS');
    expect(received).toEqual([]);

    await admitted[0]?.close();
    const next = await connect(server.port);
    expect(next.messages[0]?.type).toBe('hello');
  });
});

import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { sendUpstream } from './upstream-request';

let server: Server | undefined;
afterEach(async () => {
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
  server = undefined;
});

/** A server that drops the connection instead of answering request number `dropAt` on it (1-based), counting what it read. */
async function serverDroppingRequest(dropAt: number) {
  const seen = { connections: 0, requests: 0 };
  const onConnection = new WeakMap<Socket, number>();
  server = createServer((request, response) => {
    seen.requests += 1;
    const nth = (onConnection.get(request.socket) ?? 0) + 1;
    onConnection.set(request.socket, nth);
    if (nth === dropAt) request.socket.destroy();
    else response.end('ok');
  });
  server.on('connection', () => (seen.connections += 1));
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: new URL(`http://127.0.0.1:${port}/v1.0/communications/calls`), seen };
}

/** Sends one request and reads its answer whole, so its connection goes back to the pool. */
async function send(url: URL): Promise<number> {
  const response = await sendUpstream(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: Buffer.from('{}'), timeoutMs: 5_000 });
  for await (const chunk of response.body) void chunk;
  return response.status;
}

describe('requests upstream over kept-alive connections', () => {
  it('a kept-alive connection the server closed as the request went out is not a failure: it is sent again on a new one', async () => {
    const { url, seen } = await serverDroppingRequest(2);
    expect(await send(url)).toBe(200);
    expect(await send(url)).toBe(200);
    // The first connection carried the first request and lost the second; the second came again on a new one.
    expect(seen).toEqual({ connections: 2, requests: 3 });
  });

  it('a connection dropped before its first answer is reported, not sent twice', async () => {
    const { url, seen } = await serverDroppingRequest(1);
    await expect(send(url)).rejects.toThrow('fetch failed');
    expect(seen).toEqual({ connections: 1, requests: 1 });
  });
});

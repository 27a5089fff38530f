/**
 * A relay client that stops reading must not make the server hold every
 * notification for it. The server (a child process, so its memory is its
 * own) is fed far more notification bytes than RELAY_MAX_BUFFERED_BYTES
 * while one client has stopped reading and another reads everything; the
 * stalled one is closed (1013), and the server's resident memory levels off
 * after a first rise (GC slack, buffers up to the bound) instead of growing
 * with every round pushed. The figures are printed.
 */
import { WebSocket } from 'ws';
import { afterEach, describe, expect, it } from 'vitest';
import { SLOW_CLIENT_CLOSE_CODE } from '../relay';
import { makeDist, temporaryDirectory } from '../test-support/config';
import { rawRequest } from '../test-support/http-client';
import { residentBytes, sampleResidentMemory } from '../test-support/process-memory';
import { freePort, spawnServer, type ServerProcess } from '../test-support/server-process';
import { throwawaySecret } from '../../e2e/fake-graph/throwaway-secret';

const FORWARD_SECRET = throwawaySecret();
const MAX_BUFFERED = 1024 * 1024;
const NOTIFICATION_BYTES = 128 * 1024;
const ROUNDS = 3;
const PER_ROUND = 250; // about 31 MB a round
const PUSHED = 20 + ROUNDS * PER_ROUND; // about 96 MB through the relay, 96 times the per-client bound
const MB = 1024 * 1024;

let server: ServerProcess | undefined;
const sockets: WebSocket[] = [];
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.terminate();
  await server?.stop();
  server = undefined;
});

function connect(port: number): Promise<WebSocket> {
  const socket = new WebSocket(`ws://127.0.0.1:${port}/relay?since=0`, { perMessageDeflate: false });
  sockets.push(socket);
  return new Promise((resolve, reject) => {
    socket.once('message', () => resolve(socket)); // the hello
    socket.once('error', reject);
  });
}

async function forward(port: number, n: number): Promise<void> {
  const body = JSON.stringify({
    value: [{ changeType: 'updated', resourceUrl: `/communications/calls/big/operations/${n}`, resourceData: { padding: 'x'.repeat(NOTIFICATION_BYTES) } }],
  });
  const response = await rawRequest(port, { method: 'POST', path: '/api/forward', headers: { 'x-forward-secret': FORWARD_SECRET, 'content-type': 'application/json' }, body });
  if (response.status !== 202) throw new Error(`forward answered ${response.status}: ${response.text.slice(0, 200)}`);
}

describe('a relay client that stops reading', () => {
  it('is closed with 1013, and the server memory stays bounded while far more is pushed', async () => {
    const port = await freePort();
    server = await spawnServer({
      env: {
        HOST: '127.0.0.1',
        PORT: String(port),
        DATA_DIR: temporaryDirectory('slow-client-data'),
        DIST_DIR: makeDist(),
        FORWARD_SECRET,
        RELAY_MAX_BUFFERED_BYTES: String(MAX_BUFFERED),
      },
    });
    const { pid, output } = server;

    const healthy = await connect(port);
    let healthyReceived = 0;
    healthy.on('message', () => {
      healthyReceived += 1;
    });
    const slow = await connect(port);
    slow.pause(); // stops reading: the server's buffer for it fills
    const slowClosed = new Promise<number>((resolve) => slow.once('close', (code) => resolve(code)));

    // Warm up (JIT, SQLite cache, first buffers) before taking the baseline.
    for (let n = 0; n < 20; n += 1) await forward(port, n);
    const baseline = residentBytes(pid);
    // Three equal rounds: memory may rise in the first (GC slack, buffers up to the bound), then must level off.
    const peaks: number[] = [];
    let sent = 20;
    for (let round = 0; round < ROUNDS; round += 1) {
      const sampler = sampleResidentMemory(pid);
      for (const end = sent + PER_ROUND; sent < end; sent += 2) await Promise.all([forward(port, sent), forward(port, sent + 1)]);
      sampler.stop();
      peaks.push(sampler.peak());
    }
    const growth = Math.max(...peaks) - baseline;
    const laterGrowth = Math.max(...peaks.slice(1)) - (peaks[0] ?? 0);

    expect(output.some((line) => line.includes('too slow')), 'the server shed the stalled client').toBe(true);
    slow.resume();
    // 1013 with the reason if it reads the close frame within the grace period; cut off (1006) after it.
    const closeCode = await slowClosed;
    expect([SLOW_CLIENT_CLOSE_CODE, 1006]).toContain(closeCode);
    const deadline = Date.now() + 20_000;
    while (healthyReceived < PUSHED && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));

    const pushedBytes = PUSHED * NOTIFICATION_BYTES;
    const roundBytes = PER_ROUND * NOTIFICATION_BYTES;
    console.log(
      `slow client: pushed ${(pushedBytes / MB).toFixed(0)} MB in ${PUSHED} notifications with RELAY_MAX_BUFFERED_BYTES=${MAX_BUFFERED / MB} MB; ` +
        `server RSS ${(baseline / MB).toFixed(0)} MB, peak per round ${peaks.map((peak) => (peak / MB).toFixed(0)).join(' / ')} MB ` +
        `(+${(growth / MB).toFixed(1)} MB overall, +${(laterGrowth / MB).toFixed(1)} MB after the first round); ` +
        `stalled client closed (${closeCode}); healthy client got ${healthyReceived}`,
    );
    expect(healthyReceived, 'the reading client got everything').toBe(PUSHED);
    // Unbounded, the stalled client would add a round's bytes (~31 MB) to the server each round.
    expect(laterGrowth, 'memory levels off after the first round').toBeLessThan(roundBytes / 2);
  }, 120_000);
});

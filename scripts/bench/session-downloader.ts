/**
 * Downloads one session over and over, in a process of its own, until the bench disconnects; sends the time
 * each download took. A process of its own: in the bench's, the 100 MB a second it reads (and the garbage
 * collections they bring on) held up the relay client whose latency the bench measures, and the figure then
 * told of the bench process rather than of the server.
 * Arguments: the console's port, the session's events path.
 */
import { get } from 'node:http';

const [port, path] = process.argv.slice(2);

function download(): Promise<number> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    get({ host: '127.0.0.1', port: Number(port), path, agent: false }, (res) => {
      res.on('data', () => undefined);
      res.on('end', () => (res.statusCode === 200 ? resolve(performance.now() - started) : reject(new Error(`${path} answered ${res.statusCode ?? '?'}`))));
      res.on('error', reject);
    }).on('error', reject);
  });
}

let reading = true;
process.on('disconnect', () => (reading = false));

async function main(): Promise<void> {
  while (reading) {
    const ms = await download();
    if (reading) process.send?.({ ms });
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`session download failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);

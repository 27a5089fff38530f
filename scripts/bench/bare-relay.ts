/**
 * The bench's yardstick: a bare websocket relay, the least any relay must do.
 * node:http and ws only — no framework, no checks, no token, no validation,
 * no store, no log: each POST's body is read, sent as it is to every
 * connected client, and answered 202. Run in its own process, like the
 * console, and measured in turns with it (relay-bench.ts).
 *
 * A client is greeted with a `hello` first, as the console's relay does, so
 * the bench's clients treat both alike.
 */
import { createServer } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';

const clients = new Set<WebSocket>();
const sockets = new WebSocketServer({ noServer: true, perMessageDeflate: false });

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    const body = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
    if (body) for (const client of clients) client.send(body, { binary: false });
    res.writeHead(202, { 'content-length': '0' });
    res.end();
  });
});

server.on('upgrade', (req, socket, head) => {
  sockets.handleUpgrade(req, socket, head, (client) => {
    clients.add(client);
    client.on('close', () => clients.delete(client));
    client.on('error', () => clients.delete(client));
    client.send('{"type":"hello","lastSeq":0}');
  });
});

server.listen(Number(process.env.PORT), '127.0.0.1', () => {
  // server-process.ts waits for this line, as it does for the console.
  console.log(`Comms Console: http://127.0.0.1:${process.env.PORT}/ (bench bare relay: no checks, no store)`);
});
process.once('SIGTERM', () => {
  for (const client of clients) client.terminate();
  server.close(() => process.exit(0));
});

/**
 * The console in front of a bot (FORWARD_TO), seen in the browser: its own
 * console process forwards to a bot played by this spec, and this spec plays
 * Graph, signing each notification with keys it publishes.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '../fixtures';
import { postAsGraph, promptCompleted, startGraphNotifications, startOwnConsole, type GraphNotifications, type OwnConsole } from './graph-notifications';
import { uniqueTag } from './live-console';

let graph: GraphNotifications;
let bot: Server;
let consoleProcess: OwnConsole;

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

test.beforeAll(async () => {
  graph = await startGraphNotifications();
  // The bot answers 202 to everything, after a moment's work.
  bot = createServer((req, res) => {
    req.resume();
    req.on('end', () => setTimeout(() => res.writeHead(202).end(), 5));
  });
  const botPort = await listen(bot);
  consoleProcess = await startOwnConsole(graph, { FORWARD_TO: `http://127.0.0.1:${botPort}/api/calling` });
});

test.afterAll(async () => {
  await consoleProcess.stop();
  bot.closeAllConnections();
  await new Promise((resolve) => bot.close(resolve));
  await graph.close();
});

const postToConsole = (body: unknown, token: string) => postAsGraph(consoleProcess.port, body, token);

test('in front of a bot, the timeline shows what the bot answered each notification and how fast, and counts the refused ones, across a reload', async ({ page, live: consolePage }) => {
  // Its own console to start and a reload on top of the usual round trips.
  test.setTimeout(120_000);
  const tag = uniqueTag('forward');
  await page.goto(`http://127.0.0.1:${consoleProcess.port}/`);
  await expect(consolePage.relayStatus).toHaveText('Connected');
  await consolePage.chooseMode('Live');
  await consolePage.showView('List');

  expect((await postToConsole(promptCompleted('forward-call', `${tag}-op`, `${tag}-prompt`), await graph.signer.sign())).status).toBe(202);
  const lane = consolePage.lane(`${tag}-prompt`);
  await expect(lane.getByText(/^notification #\d+ · token verified$/)).toBeVisible();
  await expect(lane.getByText(/^bot 202 · \d+ ms$/)).toBeVisible();

  // A forged token reaches the bot, which answers it; the console shows nothing of it but the count.
  expect((await postToConsole(promptCompleted('forward-call', `${tag}-forged`, `${tag}-forged`), await graph.signer.sign({ key: 'stranger' }))).status).toBe(202);
  await expect(page.getByText('1 refused')).toBeVisible();
  await expect(consolePage.lane(`${tag}-forged`)).toHaveCount(0);

  await page.reload();
  await expect(consolePage.relayStatus).toHaveText('Connected');
  await expect(lane.getByText(/^bot 202 · \d+ ms$/)).toBeVisible();
  await expect(page.getByText('1 refused')).toBeVisible();
});

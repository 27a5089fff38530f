/**
 * A console whose notification log is in Redis (REDIS_URL), seen in the browser while Redis goes away
 * and comes back: the page says the log is unreachable and what to do, Graph is answered 503 with
 * Retry-After meanwhile, and once Redis is back the page reconnects by itself, with nothing lost.
 * The spec starts its own redis-server (AOF in a temporary folder) and console, and plays Graph.
 */
import { axeViolations, expect, test } from '../fixtures';
import { startRedisServer, type RedisServer } from '../../server/test-support/redis-server';
import { postAsGraph, promptCompleted, startGraphNotifications, startOwnConsole, type GraphNotifications, type OwnConsole } from './graph-notifications';
import { uniqueTag } from './live-console';

// A read the page makes while Redis is down (the sessions list, say) is answered 503, and Chromium logs
// every such answer; anything else the page logs still fails the test.
test.use({ allowedConsoleErrors: [/^Failed to load resource: the server responded with a status of 503 /] });

let graph: GraphNotifications;
let redis: RedisServer;
let consoleProcess: OwnConsole;

test.beforeAll(async () => {
  [graph, redis] = await Promise.all([startGraphNotifications(), startRedisServer()]);
  consoleProcess = await startOwnConsole(graph, { REDIS_URL: redis.url });
});

test.afterAll(async () => {
  await consoleProcess.stop();
  await Promise.all([redis.stop(), graph.close()]);
});

async function notify(clientContext: string) {
  return postAsGraph(consoleProcess.port, promptCompleted('team-call', `${clientContext}-op`, clientContext), await graph.signer.sign());
}

test('with Redis down the page says the log is unreachable and what to do, Graph gets 503, and with Redis back it recovers by itself losing nothing', async ({ page, live: consolePage }) => {
  // Its own console and redis-server to start, and a reconnection backoff to wait out.
  test.setTimeout(120_000);
  const tag = uniqueTag('team-outage');
  await page.goto(`http://127.0.0.1:${consoleProcess.port}/`);
  await expect(consolePage.relayStatus).toHaveText('Connected');
  await consolePage.chooseMode('Live');
  await consolePage.showView('List');

  expect((await notify(`${tag}-before`)).status).toBe(202);
  await expect(consolePage.notificationMarks(`${tag}-before`)).toHaveText([/^notification #\d+ · token verified$/]);

  await redis.kill();
  const unreachable = page.getByRole('status').filter({ hasText: 'The notification log (Redis) is unreachable.' });
  await expect(unreachable).toBeVisible();
  await expect(unreachable).toContainText("Check that the console server's Redis (REDIS_URL) is running.");
  await expect(unreachable).toContainText('Nothing is lost');
  await expect(consolePage.relayStatus).toHaveText('Reconnecting…');
  expect(await axeViolations(page), 'the outage notice is as accessible as the rest of the page').toEqual([]);

  const refused = await notify(`${tag}-while-down`);
  expect(refused.status, 'Graph retries a 503').toBe(503);
  expect(refused.headers['retry-after']).toBe('1');
  expect(refused.text).toContain('Nothing was stored');

  await redis.restart();
  await expect(consolePage.relayStatus).toHaveText('Connected', { timeout: 30_000 });
  await expect(unreachable).toHaveCount(0);
  expect((await notify(`${tag}-after`)).status).toBe(202);
  await expect(consolePage.notificationMarks(`${tag}-after`)).toHaveText([/^notification #\d+ · token verified$/]);
  // What came before the outage is still there, once; what Redis refused was never stored.
  await expect(consolePage.notificationMarks(`${tag}-before`)).toHaveCount(1);
  await expect(consolePage.lane(`${tag}-while-down`)).toHaveCount(0);

  // And a fresh page, reading the log from the start, finds both.
  await page.reload();
  await expect(consolePage.relayStatus).toHaveText('Connected');
  for (const context of [`${tag}-before`, `${tag}-after`]) await expect(consolePage.notificationMarks(context)).toHaveCount(1);
});

/**
 * A live page's first screen: the server draws the newest operations into the page it serves, so they show
 * before the page's code has run (with no script at all, here), and the page takes over from there: its first
 * read of the history answered by the one the page started as it was parsed, and nothing shown twice.
 * This spec runs its own console (its history is the spec's alone) and plays Graph, signing each notification.
 */
import { expect, test } from '../fixtures';
import { ownConsoleForSpec } from './graph-notifications';

const consoleProcess = ownConsoleForSpec(test);

const CALL = 'f1250000-0000-4000-8000-000000000f25';
const operationId = (operation: number) => `${String(operation).padStart(8, '0')}-0000-4000-9000-000000000000`;
const short = (operation: number) => operationId(operation).slice(0, 8);

async function notify(operation: number, clientContext = `first-${operation}`): Promise<void> {
  const id = operationId(operation);
  const answer = await consoleProcess.post({
    value: [
      {
        '@odata.type': '#microsoft.graph.commsNotification',
        changeType: 'created',
        resourceUrl: `/communications/calls/${CALL}/operations/${id}`,
        resourceData: { '@odata.type': '#microsoft.graph.playPromptOperation', id, clientContext, status: 'running' },
      },
    ],
  });
  expect(answer.status, answer.text).toBe(202);
}

test('a live page shows the newest operations before its code runs, then the console takes over, reading them once', async ({ page, browser, live: console }) => {
  await page.goto(`http://127.0.0.1:${consoleProcess.port}/`);
  await console.chooseMode('Live');
  for (let operation = 1; operation <= 4; operation += 1) await notify(operation);
  // The text of a notification cannot break the page it is drawn into.
  await notify(5, '</script><script>document.title="broken"</script><!--');
  const latest = console.timeline.getByRole('list', { name: 'Latest' }).getByRole('button');
  await expect(latest.first()).toHaveAccessibleName(new RegExp(`^Show playPrompt ${short(5)}, `));

  // With no script at all, the page as the server sends it: the newest operations, newest first.
  const noScript = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1440, height: 900 } });
  await noScript.addCookies(await page.context().cookies());
  const served = await noScript.newPage();
  await served.goto(`http://127.0.0.1:${consoleProcess.port}/`);
  await expect(served.getByText('Latest')).toBeVisible();
  for (const [place, operation] of [5, 4, 3].entries()) await expect(served.locator('.sl-latest li').nth(place)).toContainText(short(operation));
  await expect(served.getByText('Drawing the timeline…')).toBeVisible();
  await noScript.close();

  // With its code, the page takes over: one timeline, the same newest, the history read once (the preload its fetch takes).
  const historyReads: string[] = [];
  page.on('request', (request) => {
    if (request.url().includes('/api/sessions/current/events')) historyReads.push(request.url());
  });
  await page.reload();
  await expect(console.relayStatus).toHaveText('Connected');
  await expect(latest.first()).toHaveAccessibleName(new RegExp(`^Show playPrompt ${short(5)}, `));
  await expect(page.getByRole('heading', { name: 'Operation timeline' })).toHaveCount(1);
  await expect(page.getByText('Drawing the timeline…')).toHaveCount(0);
  expect(historyReads).toHaveLength(1);
  await expect(page).toHaveTitle('Comms Console');
  // Working, not a picture: the Latest entry opens its operation.
  await latest.first().click();
  await expect(page.getByRole('region', { name: 'Operation details' })).toContainText(short(5));
});

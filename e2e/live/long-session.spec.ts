/**
 * A long session in live mode: the page shows the session's newest notifications at once, then
 * loads the rest behind them and puts it before them, each once and in order, while the relay
 * carries on. This spec runs its own console (its history is the spec's alone) and plays Graph,
 * signing each notification; the earlier part's answers are held back until the newest are checked.
 */
import { expect, test } from '../fixtures';
import { ownConsoleForSpec } from './graph-notifications';
import { uniqueTag } from './live-console';

const consoleProcess = ownConsoleForSpec(test);

/** Far more than the page loads first (its newest 300), so the rest comes in more than one part. */
const NOTIFICATIONS = 2_599;
const CALL_ID = '5e551011-0000-4000-8000-00000000ca11';
const operationId = (operation: number) => `5e551011-0000-4000-9000-${String(operation).padStart(12, '0')}`;

/** Notification n is about operation ceil(n/2): it started (odd n), then completed (even n). */
function notification(tag: string, n: number) {
  const operation = Math.ceil(n / 2);
  const started = n % 2 === 1;
  return {
    value: [
      {
        '@odata.type': '#microsoft.graph.commsNotification',
        changeType: started ? 'created' : 'deleted',
        resourceUrl: `/communications/calls/${CALL_ID}/operations/${operationId(operation)}`,
        resourceData: { '@odata.type': '#microsoft.graph.playPromptOperation', id: operationId(operation), clientContext: `${tag}-${operation}`, status: started ? 'running' : 'completed' },
      },
    ],
  };
}

async function notify(body: unknown): Promise<void> {
  const answer = await consoleProcess.post(body);
  expect(answer.status, answer.text).toBe(202);
}

test('a long session shows its newest notifications at once, then every earlier one, once and in order', async ({ page, live: consolePage }) => {
  // Its own console and thousands of signed notifications on top of the usual round trips.
  test.setTimeout(180_000);
  const tag = uniqueTag('long');
  // One at a time, so notification n gets seq n.
  for (let n = 1; n <= NOTIFICATIONS; n += 1) await notify(notification(tag, n));

  // The earlier part of the session is held back until the newest have been seen on their own.
  const heldBack: (() => Promise<void>)[] = [];
  let releaseEarlier = false;
  await page.route(/\/api\/sessions\/[^/]+\/events\?.*before=/, async (route) => {
    if (releaseEarlier) return route.continue();
    heldBack.push(() => route.continue());
  });

  await page.goto(`http://127.0.0.1:${consoleProcess.port}/`);
  await expect(consolePage.relayStatus).toHaveText('Connected');
  await consolePage.chooseMode('Live');
  await consolePage.showView('List');
  const lanes = consolePage.lanes;
  const search = consolePage.timeline.getByRole('searchbox', { name: 'Search payloads' });
  const marks = () => lanes.first().getByText(/^notification #\d+ · token verified$/);
  const showOnly = async (operation: number) => {
    await search.fill(`id:${operationId(operation)}`);
    await expect(lanes).toHaveCount(1);
    await expect(lanes.first()).toContainText(`${tag}-${operation}`);
  };

  // The newest are shown at once: the last operation, and only those the newest 300 notifications name.
  const newestOperation = Math.ceil(NOTIFICATIONS / 2);
  const firstOfNewest = Math.ceil((NOTIFICATIONS - 299) / 2);
  await expect(consolePage.lane(`${tag}-${newestOperation}`, { exact: true })).toBeVisible();
  await expect(consolePage.timeline.getByText(/^\d+ operations\.$/)).toHaveText(`${newestOperation - firstOfNewest + 1} operations.`);
  await search.fill(`id:${operationId(1)}`);
  await expect(lanes).toHaveCount(0);
  await expect.poll(() => heldBack.length).toBe(1);
  await expect(consolePage.timeline).toHaveAttribute('aria-busy', 'true');
  await expect(consolePage.timeline).toContainText('Loading the session’s earlier events…');

  // Then the rest: every operation once.
  releaseEarlier = true;
  for (const release of heldBack.splice(0)) await release();
  await search.fill('');
  await expect(consolePage.timeline.getByText(/^\d+ operations\.$/)).toHaveText(`${newestOperation} operations.`, { timeout: 30_000 });
  await expect(consolePage.timeline).toHaveAttribute('aria-busy', 'false');

  // Each operation's notifications once, in seq order: the first, one split between the newest part and
  // the one before it (started in one, completed in the other), and the last.
  for (const operation of [1, firstOfNewest, newestOperation - 1]) {
    await showOnly(operation);
    const seqs = (await marks().allTextContents()).map((text) => Number(/#(\d+)/.exec(text)?.[1]));
    expect(seqs).toHaveLength(2);
    expect(seqs[0]).toBeLessThan(seqs[1] ?? 0);
    await expect(lanes.first().getByRole('note', { name: 'Status' })).toContainText('completed');
  }
  await showOnly(newestOperation);
  await expect(marks()).toHaveCount(1);

  // And the relay carried on after the newest: what Graph reports now arrives, once.
  await notify(notification(tag, NOTIFICATIONS + 1));
  await expect(marks()).toHaveCount(2);
  await expect(lanes.first().getByRole('note', { name: 'Status' })).toContainText('completed');
});

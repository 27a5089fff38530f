/**
 * Two tabs in mock mode are one simulated world: what one tab does to a call,
 * the other sees; a cancel sent from one ends the media the other queued, and
 * both timelines show it, each notification once. A reload of either finds
 * both tabs' operations, as the history of one console.
 */
import type { Page } from '@playwright/test';
import type { ConsolePage } from '../console-page';
import { expect, test } from '../fixtures';

/** The card of the operation with exactly this clientContext. */
const lane = (console: ConsolePage, clientContext: string) => console.lane(clientContext, { exact: true });

const callSummary = (page: Page, state: string) => page.getByRole('form', { name: 'Cancel media processing' }).getByText(new RegExp(`^Sales follow-up — established, ${state}`));

test('two tabs share one simulated world: the same calls, each other’s operations, one numbering', async ({ console: first, secondTab: second }) => {
  // Two consoles in one browser: twice the work of one on a busy machine.
  test.setTimeout(600_000);
  // The checks read the List view's cards.
  await first.open({ view: 'List' });
  await second.open({ view: 'List' });
  for (const tab of [first, second]) {
    await tab.chooseCall(/Sales follow-up/);
    await tab.chooseApiVersion('v1.0');
    await expect(callSummary(tab.page, 'no media')).toBeVisible();
  }
  expect(await second.callPicker.inputValue()).toBe(await first.callPicker.inputValue());

  // The first tab queues a prompt: the second sees the same call playing it.
  await first.page.getByRole('button', { name: 'Play prompt' }).click();
  await expect(lane(first, 'prompt-1')).toContainText('running');
  await expect(callSummary(second.page, 'prompt playing')).toBeVisible();

  // The second tab cancels it: its own cancel ends the first tab's prompt, in both timelines.
  await second.send('cancel-from-the-second-tab');
  await expect(lane(second, 'cancel-from-the-second-tab')).toContainText(/Ended: playPrompt/);
  for (const tab of [first, second]) {
    await expect(lane(tab, 'prompt-1')).toContainText('failed · 400/8508 Action failed, the operation was cancelled.');
    // One notification, one number, shown once in each tab.
    await expect(lane(tab, 'prompt-1').getByText(/^notification #\d+/)).toHaveCount(1);
    await expect(callSummary(tab.page, 'no media')).toBeVisible();
  }
  const seqInFirst = await lane(first, 'prompt-1').getByText(/^notification #\d+/).innerText();
  expect(await lane(second, 'prompt-1').getByText(/^notification #\d+/).innerText()).toBe(seqInFirst);

  // The other way round, while the first tab is in the background.
  await second.page.getByRole('button', { name: 'Record response' }).click();
  await expect(callSummary(first.page, 'recording')).toBeVisible();
  await first.send('cancel-from-the-first-tab');
  await expect(lane(first, 'cancel-from-the-first-tab')).toContainText(/Ended: record/);
  await expect(lane(second, 'recording-1')).toContainText('failed · 400/8508');
  await expect(lane(first, 'recording-1')).toContainText('failed · 400/8508');

  // One console, one history: after a reload the first tab shows what the second did too.
  await first.page.reload();
  await expect(first.relayStatus).toHaveText('Connected', { timeout: 30_000 });
  await expect(lane(first, 'cancel-from-the-second-tab')).toContainText('cancelMediaProcessing', { timeout: 30_000 });
  await expect(lane(first, 'cancel-from-the-first-tab')).toContainText('cancelMediaProcessing');
  await expect(lane(first, 'prompt-1').getByText(/^notification #\d+/)).toHaveText(seqInFirst);
  await expect(lane(first, 'recording-1')).toContainText('failed · 400/8508');
});

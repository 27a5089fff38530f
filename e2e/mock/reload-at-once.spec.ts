/**
 * What the timeline shows in mock mode is already stored: a reload the moment
 * a cancel's answer shows loses neither the cancel, nor its clientContext,
 * nor the operations it ended.
 */
import type { ConsolePage } from '../console-page';
import { expect, test } from '../fixtures';

const RELOADS = 20;

/** The card of the operation with exactly this clientContext (prompt-1 is not prompt-10). */
const lane = (console: ConsolePage, clientContext: string) => console.lane(clientContext, { exact: true });

/**
 * Starts a recording and queues a prompt behind it on the chosen call, and waits until the timeline
 * shows both. In this order both are still there to cancel however slow the machine: a recording
 * runs up to 30 s, and the prompt waits for it.
 */
async function queueMedia(console: ConsolePage, round: number): Promise<{ prompt: string; recording: string }> {
  const prompt = `prompt-${round}`;
  const recording = `recording-${round}`;
  await console.page.getByRole('button', { name: 'Record response' }).click();
  await expect(lane(console, recording)).toBeVisible();
  await console.page.getByRole('button', { name: 'Play prompt' }).click();
  await expect(lane(console, prompt)).toBeVisible();
  return { prompt, recording };
}

/** A reload boots the mocks and reads IndexedDB: on a busy machine that takes a while, so it gets longer than one step. */
const AFTER_RELOAD = { timeout: 60_000 };

test(`a reload the moment a cancel's answer shows keeps everything, ${RELOADS} times over`, async ({ page, console }) => {
  test.setTimeout(RELOADS * 90_000);
  // The checks read the List view's cards; the choice is remembered across the reloads.
  await console.open({ view: 'List' });
  await console.chooseCall(/Sales follow-up/);
  await console.chooseApiVersion('v1.0');

  for (let round = 1; round <= RELOADS; round += 1) {
    const { prompt, recording } = await queueMedia(console, round);
    const clientContext = `reload-at-once-${round}`;
    await console.send(clientContext);
    // The moment the answer's clientContext shows, and not a moment later.
    await console.timeline.getByText(clientContext, { exact: true }).first().waitFor();
    await page.reload();

    await expect(console.relayStatus).toHaveText('Connected', AFTER_RELOAD);
    const cancel = lane(console, clientContext);
    await expect(cancel, `round ${round}: the cancel operation`).toContainText('cancelMediaProcessing', AFTER_RELOAD);
    await expect(cancel, `round ${round}: the operations the cancel ended`).toContainText(/Ended: (playPrompt|record) \S+, (playPrompt|record) \S+/);
    for (const ended of [prompt, recording]) await expect(lane(console, ended), `round ${round}: ${ended}`).toContainText('failed · 400/8508 Action failed, the operation was cancelled.');
    await expect(lane(console, prompt), `round ${round}: the prompt links to its cancel`).toContainText('Cancelled by the cancel sent at');
    await expect(lane(console, recording), `round ${round}: the recording links to its cancel`).toContainText('Cancelled by the cancel sent at');
    // Nothing shows twice either: each round's lanes are there once.
    await expect(cancel).toHaveCount(1);
    await expect(lane(console, prompt)).toHaveCount(1);
  }
});

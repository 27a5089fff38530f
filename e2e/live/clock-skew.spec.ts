/**
 * The timeline's order and the cancel's links come from the relay's log (seq, and the seq the
 * browser had seen when it sent a request), never from clocks: a browser five minutes ahead of the
 * server shows the same story.
 */
import { expect, test } from '../fixtures';
import { SUPPORT_LINE, queueMedia, uniqueTag } from './live-console';

const FIVE_MINUTES = 5 * 60_000;

test('a browser clock five minutes ahead of the server changes neither the order nor the cancel’s links', async ({ page, request, live: console }) => {
  await page.clock.install({ time: new Date(Date.now() + FIVE_MINUTES) });
  const tag = uniqueTag('skewed-clock');
  const media = await queueMedia(request, SUPPORT_LINE, tag);
  await console.openLive({ view: 'List' });
  expect(await page.evaluate(() => Date.now())).toBeGreaterThan(Date.now() + FIVE_MINUTES - 60_000);

  await console.callPicker.fill(SUPPORT_LINE);
  await console.send(`${tag}-cancel`);
  for (const context of media.all) await console.expectCancelledByVerifiedNotification(context);

  // Only this test's operations: the live store holds every test's.
  await console.timeline.getByRole('searchbox', { name: 'Search payloads' }).fill(tag);
  await expect(console.lanes).toHaveCount(4);
  // Newest first, by the log: the cancel, then what it ended.
  await expect(console.lanes.first().getByRole('heading')).toContainText('cancelMediaProcessing');
  await expect(console.lane(`${tag}-cancel`).getByRole('link')).toHaveCount(3);

  await console.showView('Swimlanes');
  await expect(console.bars('playPrompt')).toHaveCount(2);
  for (const bar of await console.bars().all()) {
    const name = (await bar.getAttribute('aria-label')) ?? '';
    if (name.startsWith('cancelMediaProcessing')) expect(name).toMatch(/, ended (record|playPrompt) [0-9a-f]{8}, (record|playPrompt) [0-9a-f]{8}, (record|playPrompt) [0-9a-f]{8}, /);
    else expect(name).toMatch(/, failed 400\/8508, cancelled by cancelMediaProcessing [0-9a-f]{8}, /);
  }
  // The axis puts the browser's events among the server's: no bar starts minutes away from the others.
  for (const bar of await console.bars().all()) await expect(bar).toHaveAccessibleName(/, \d\.\d s–(\d+\.\d s|now)$/);
});

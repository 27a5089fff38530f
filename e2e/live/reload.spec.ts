import { expect, test } from '../fixtures';
import { SUPPORT_LINE, queueMedia, uniqueTag } from './live-console';

test('a reload in live mode keeps the timeline and resumes the relay after its last notification, repeating none', async ({ page, request, live: console }) => {
  const tag = uniqueTag('reload');
  const before = await queueMedia(request, SUPPORT_LINE, tag);
  await console.openLive({ view: 'List' });
  await console.callPicker.fill(SUPPORT_LINE);
  await console.chooseApiVersion('beta');
  await page.getByRole('textbox', { name: 'clientContext' }).fill(`${tag}-cancel`);
  await console.send();
  for (const context of before.all) await console.expectCancelledByVerifiedNotification(context);
  const shownSeqs = (await console.timeline.getByText(/^notification #\d+ · /).allTextContents()).map((text) => Number(/#(\d+)/.exec(text)?.[1]));

  const relayUrls: string[] = [];
  page.on('websocket', (socket) => relayUrls.push(socket.url()));
  await page.reload();
  await expect(console.mode.getByRole('radio', { name: 'Live' })).toBeChecked();
  await expect(console.relayStatus).toHaveText('Connected');
  await expect(console.callPicker).toHaveValue(SUPPORT_LINE);
  await expect(console.response).toContainText('200 OK');
  for (const context of before.all) await console.expectCancelledByVerifiedNotification(context);
  // The relay picked up after the newest notification the page had, rather than from the start.
  expect(relayUrls.length).toBeGreaterThan(0);
  for (const url of relayUrls) expect(Number(new URL(url).searchParams.get('since'))).toBeGreaterThanOrEqual(Math.max(...shownSeqs));

  // And it is live: what Graph reports after the reload arrives, once.
  const after = await queueMedia(request, SUPPORT_LINE, `${tag}-after`);
  await page.getByRole('textbox', { name: 'clientContext' }).fill(`${tag}-after-cancel`);
  await console.send();
  for (const context of after.all) await console.expectCancelledByVerifiedNotification(context);
  for (const context of before.all) await expect(console.notificationMarks(context)).toHaveCount(1);
});

test('Live and Mock each keep their own timeline: switching back and forth mixes and repeats nothing', async ({ page, request, live: console }) => {
  const tag = uniqueTag('switch');
  const media = await queueMedia(request, SUPPORT_LINE, tag);
  await console.openLive({ view: 'List' });
  await console.callPicker.fill(SUPPORT_LINE);
  await console.chooseApiVersion('v1.0');
  await page.getByRole('textbox', { name: 'clientContext' }).fill(`${tag}-cancel`);
  await console.send();
  for (const context of media.all) await console.expectCancelledByVerifiedNotification(context);

  // Mock mode: the simulator in the browser, its own notifications, none of Graph's.
  await console.chooseMode('Mock');
  await expect(console.lane(media.recording)).toHaveCount(0);
  await console.chooseCall(/Support line/);
  await page.getByRole('textbox', { name: 'clientContext' }).fill(`${tag}-mock-cancel`);
  await console.send();
  await console.expectCancelled('menu-prompt');
  await expect(console.lane('menu-prompt').getByText(/^notification #\d+ · simulated$/)).toHaveCount(1);

  // Back in Live: Graph's notifications as they were, each once, and nothing simulated.
  await console.chooseMode('Live');
  for (const context of media.all) await console.expectCancelledByVerifiedNotification(context);
  await expect(console.timeline.getByText(/· simulated$/)).toHaveCount(0);
  await expect(console.lane(`${tag}-mock-cancel`)).toHaveCount(0);
});

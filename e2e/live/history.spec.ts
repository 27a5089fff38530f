/**
 * History and redelivery in live mode: the same UI as in mock mode, answered
 * by the server's SQLite store and its relay (server/history.test.ts covers
 * the endpoints themselves, a restart included).
 */
import type { Page } from '@playwright/test';
import { expect, test } from '../fixtures';
import { SUPPORT_LINE, queueMedia, uniqueTag } from './live-console';

const sessionRows = (page: Page) => page.getByRole('region', { name: 'Sessions', exact: true }).getByRole('list', { name: 'Saved sessions' }).getByRole('listitem');

test('a new session starts empty, the one before opens with exactly its timeline, and Redeliver marks a copy without storing it', async ({ page, request, live: console }) => {
  const tag = uniqueTag('history');
  const media = await queueMedia(request, SUPPORT_LINE, tag);
  await console.openLive({ view: 'List' });
  await console.showTool('Sessions');
  // A session of its own: the live console's store is shared by every test of the run.
  const sessions = page.getByRole('region', { name: 'Sessions', exact: true });
  await sessions.getByRole('textbox', { name: 'Session name' }).fill(`${tag} first`);
  await sessions.getByRole('button', { name: 'New session' }).click();
  await expect(sessionRows(page).filter({ hasText: `${tag} first` })).toContainText('current');

  await console.callPicker.fill(SUPPORT_LINE);
  await page.getByRole('textbox', { name: 'clientContext' }).fill(`${tag}-cancel`);
  await console.send();
  for (const context of media.all) await console.expectCancelledByVerifiedNotification(context);

  const lanes = console.lanes;
  const storedTimeline = await lanes.allInnerTexts();

  // Redeliver: the copy comes back from the server's relay, marked, verified as the original was.
  const recording = console.lane(media.recording);
  await recording.getByRole('button', { name: /^Redeliver notification \d+$/ }).click();
  await expect(recording.getByText('redelivered', { exact: true })).toHaveCount(1);
  await expect(console.notificationMarks(media.recording)).toHaveText([/· token verified$/, /· token verified$/]);

  await sessions.getByRole('textbox', { name: 'Session name' }).fill(`${tag} second`);
  await sessions.getByRole('button', { name: 'New session' }).click();
  await expect(console.lane(media.recording)).toHaveCount(0);

  // The first session, opened again, shows its stored timeline: the redelivered copy was never stored.
  await sessionRows(page).filter({ hasText: `${tag} first` }).getByRole('button', { name: /^Open/ }).click();
  await expect(console.timeline).toContainText(`Showing “${tag} first”, an ended session`);
  await expect(lanes).toHaveCount(storedTimeline.length);
  await expect.poll(() => lanes.allInnerTexts()).toEqual(storedTimeline);
  await expect(recording.getByText('redelivered', { exact: true })).toHaveCount(0);
});

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

test.describe('when the sessions list cannot be read', () => {
  // The browser logs the failed load of the list; the panel says so itself.
  test.use({ allowedConsoleErrors: [/Failed to load resource: the server responded with a status of 503/] });

  test('the Sessions panel says the list could not be loaded, and Try again loads it', async ({ page, live: console }) => {
    const failing = (url: URL) => url.pathname === '/api/sessions';
    await page.route(failing, (route) =>
      route.request().method() === 'GET' ? route.fulfill({ status: 503, contentType: 'application/json', body: JSON.stringify({ error: 'The history store is restarting.' }) }) : route.fallback(),
    );
    await console.openLive({ view: 'List' });
    await console.showTool('Sessions');
    const sessions = page.getByRole('region', { name: 'Sessions', exact: true });
    await expect(sessions.getByRole('alert')).toContainText('The sessions list could not be loaded');
    await expect(sessions.getByRole('list', { name: 'Saved sessions' })).toHaveCount(0);

    await page.unroute(failing);
    await sessions.getByRole('button', { name: 'Try again' }).click();
    await expect(sessions.getByRole('alert')).toHaveCount(0);
    await expect(sessionRows(page).filter({ hasText: 'current' })).toHaveCount(1);
  });
});

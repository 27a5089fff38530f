/**
 * Redelivery in mock mode: a stored notification sent again on the relay is
 * shown once, marked "redelivered", is not stored again, and does not upset
 * the relay's numbering.
 */
import type { Page } from '@playwright/test';
import { expect, test } from '../fixtures';

/** What the history holds for the current session, asked the way the UI asks (msw answers in the page). */
const storedEventCount = (page: Page) =>
  page.evaluate(async () => {
    const list = (await (await fetch('/api/sessions')).json()) as { sessions: { id: string; eventCount: number }[]; currentId: string };
    return list.sessions.find((session) => session.id === list.currentId)?.eventCount;
  });

test('Redeliver shows the notification again once, marked, and a reload does not show it twice', async ({ page, console }) => {
  await console.open({ view: 'List' });
  await console.chooseCall(/Support line/);
  await page.getByRole('textbox', { name: 'clientContext' }).fill('redeliver-me');
  await console.send();
  for (const context of ['voicemail-recording', 'welcome-prompt', 'menu-prompt']) await console.expectCancelled(context);
  // The request and its answer are saved in the background: wait until the history holds them and the
  // three notifications, so a late save is not mistaken for a redelivery being stored.
  const storedBefore = 5;
  await expect.poll(() => storedEventCount(page)).toBe(storedBefore);

  const recording = console.lane('voicemail-recording');
  const redeliver = recording.getByRole('button', { name: /^Redeliver notification \d+$/ });
  await expect(redeliver).toHaveCount(1);
  const seq = Number(/\d+$/.exec((await redeliver.getAttribute('aria-label')) ?? '')?.[0]);
  const sameSeq = recording.getByText(new RegExp(`notification #${seq}\\b`));
  await expect(sameSeq).toHaveCount(1);
  await redeliver.click();

  await expect(recording.getByText('redelivered', { exact: true })).toHaveCount(1);
  await expect(sameSeq).toHaveCount(2);
  // The copy cannot itself be redelivered, and the lane ends as it did.
  await expect(recording.getByRole('button', { name: /^Redeliver/ })).toHaveCount(1);
  await expect(recording.getByRole('note', { name: 'Status' })).toHaveText('failed');
  // Not stored again.
  expect(await storedEventCount(page)).toBe(storedBefore);

  // The relay's numbering is untouched: new notifications still arrive.
  await console.chooseCall(/Sales follow-up/);
  await page.getByRole('button', { name: 'Play prompt' }).click();
  const prompt = console.timeline.getByRole('listitem').filter({ hasText: /clientContext prompt-/ });
  await expect(prompt).toContainText('running');
  await page.getByRole('textbox', { name: 'clientContext' }).fill('after-redelivery');
  await console.send();
  await expect(prompt).toContainText('failed · 400/8508');

  await page.reload();
  await expect(page.getByRole('status').filter({ hasText: 'Connected' })).toBeVisible();
  await expect(prompt).toContainText('failed · 400/8508');
  await expect(sameSeq).toHaveCount(1);
  await expect(recording.getByText('redelivered', { exact: true })).toHaveCount(0);
});

/**
 * History in mock mode (IndexedDB behind msw), as a user works with it:
 * a reload keeps the session's timeline, New session starts empty, an old
 * session opens with exactly its timeline, and an old session can be deleted.
 */
import type { Page } from '@playwright/test';
import { expect, test } from '../fixtures';
import type { ConsolePage } from '../console-page';

const sessionsRegion = (page: Page) => page.getByRole('region', { name: 'Sessions', exact: true });
const sessionRows = (page: Page) => sessionsRegion(page).getByRole('list', { name: 'Saved sessions' }).getByRole('listitem');
const sessionRow = (page: Page, name: string) => sessionRows(page).filter({ has: page.getByText(name, { exact: true }) });

async function newSession(page: Page, name: string): Promise<void> {
  await sessionsRegion(page).getByRole('textbox', { name: 'Session name' }).fill(name);
  await sessionsRegion(page).getByRole('button', { name: 'New session' }).click();
  await expect(sessionRow(page, name)).toContainText('current');
}

/** Cancels everything on the support line and waits until the timeline shows all of it. */
async function cancelSupportLine(console: ConsolePage, clientContext: string): Promise<void> {
  await console.chooseCall(/Support line/);
  await console.page.getByRole('textbox', { name: 'clientContext' }).fill(clientContext);
  await console.send();
  for (const context of ['voicemail-recording', 'welcome-prompt', 'menu-prompt']) await console.expectCancelled(context);
  await expect(console.lane(clientContext)).toContainText('cancelMediaProcessing');
}

const lanesOf = (console: ConsolePage) => console.lanes;

test('a session’s timeline survives a reload, each notification once', async ({ page, console }) => {
  await console.open({ view: 'List' });
  await console.showTool('Sessions');
  await expect(sessionRows(page)).toHaveCount(1);
  await expect(sessionRows(page).first()).toContainText('current');
  await cancelSupportLine(console, 'kept-across-reload');
  const shown = await lanesOf(console).allInnerTexts();

  await page.reload();
  await expect(page.getByRole('status').filter({ hasText: 'Connected' })).toBeVisible();
  await expect(lanesOf(console)).toHaveCount(shown.length);
  await expect.poll(() => lanesOf(console).allInnerTexts()).toEqual(shown);
  await expect(console.lane('menu-prompt').getByText(/notification #/)).toHaveCount(1);
  // Still one session, the same one: a reload does not start another.
  await expect(sessionRows(page)).toHaveCount(1);
  await expect(sessionRows(page).first()).toContainText(/\d+ events/);
});

test('New session starts empty; the old one opens with exactly its timeline', async ({ page, console }) => {
  await console.open({ view: 'List' });
  await console.showTool('Sessions');
  const firstName = (await sessionRows(page).first().locator('strong').innerText()).trim();
  await cancelSupportLine(console, 'in-the-first-session');
  const firstTimeline = await lanesOf(console).allInnerTexts();

  await newSession(page, 'Second session');
  await expect(lanesOf(console)).toHaveCount(0);
  await expect(console.timeline).toContainText('Operations appear here');
  await console.chooseCall(/Sales follow-up/);
  await page.getByRole('button', { name: 'Play prompt' }).click();
  const prompt = console.timeline.getByRole('listitem').filter({ hasText: /clientContext prompt-/ });
  await expect(prompt).toContainText('running');

  await sessionRow(page, firstName).getByRole('button', { name: /^Open/ }).click();
  await expect(console.timeline).toContainText(`Showing “${firstName}”, an ended session`);
  await expect(sessionRow(page, firstName)).toHaveAttribute('aria-current', 'true');
  // The ended session's events load after its banner shows: wait for them rather than read at once.
  await expect.poll(() => lanesOf(console).allInnerTexts()).toEqual(firstTimeline);
  await expect(prompt).toHaveCount(0);

  await sessionsRegion(page).getByRole('button', { name: 'Back to the current session' }).click();
  await expect(prompt).toBeVisible();
  await expect(console.lane('in-the-first-session')).toHaveCount(0);

  // After a reload the second session is still the current one, and the first is still there to open.
  await page.reload();
  await expect(sessionRows(page)).toHaveCount(2);
  await expect(sessionRow(page, 'Second session')).toContainText('current');
  await expect(prompt).toBeVisible();
  await sessionRow(page, firstName).getByRole('button', { name: /^Open/ }).click();
  // The ended session's events load after its banner shows: wait for them rather than read at once.
  await expect.poll(() => lanesOf(console).allInnerTexts()).toEqual(firstTimeline);
});

test('an old session can be deleted, after a confirmation; the current one cannot', async ({ page, console }) => {
  await console.open({ view: 'List' });
  await console.showTool('Sessions');
  const firstName = (await sessionRows(page).first().locator('strong').innerText()).trim();
  await cancelSupportLine(console, 'to-be-deleted');
  await newSession(page, 'Keeper');
  await expect(sessionRow(page, 'Keeper').getByRole('button', { name: /^Delete/ })).toHaveCount(0);

  const old = sessionRow(page, firstName);
  await old.getByRole('button', { name: /^Delete/ }).click();
  const confirm = old.getByRole('group', { name: `Confirm deleting ${firstName}` });
  await expect(confirm).toContainText(`Delete “${firstName}” and its`);
  await confirm.getByRole('button', { name: 'Keep it' }).click();
  await expect(confirm).toHaveCount(0);
  await expect(sessionRows(page)).toHaveCount(2);

  await old.getByRole('button', { name: /^Delete/ }).click();
  await confirm.getByRole('button', { name: 'Delete for good' }).click();
  await expect(sessionRows(page)).toHaveCount(1);
  await expect(sessionRows(page).first()).toContainText('Keeper');

  await page.reload();
  await expect(sessionRows(page)).toHaveCount(1);
  await expect(sessionRows(page).first()).toContainText('Keeper');
  await expect(console.lane('to-be-deleted')).toHaveCount(0);
});

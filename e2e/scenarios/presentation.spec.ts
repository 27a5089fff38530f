import { expect, test } from '@playwright/test';
import { ScenariosPage } from './scenarios-page';

test('the presentation view shows the timeline alone, in large type, without raw JSON; Escape leaves it', async ({ page }) => {
  const console = new ScenariosPage(page);
  await console.open();
  await console.loadDemo('IVR prompt queue cancelled at once (v1.0)');
  await console.setSpeed('10×');
  await console.button('Play').click();
  await expect(console.progress).toContainText('finished');
  await expect(console.timeline.getByText('Raw JSON').first()).toBeVisible();
  const normalSize = await console.lane('prompt-1').locator('h3').evaluate((element) => parseFloat(getComputedStyle(element).fontSize));

  await console.button('Presentation view').click();
  await expect(console.button('Presentation view')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByRole('button', { name: 'Send' })).toBeHidden();
  await expect(page.getByRole('combobox', { name: 'Call' })).toBeHidden();
  await expect(page.getByRole('button', { name: 'Play prompt' })).toBeHidden();
  await expect(page.getByRole('region', { name: 'Snippets' })).toBeHidden();
  await expect(console.timeline.getByText('Raw JSON')).toHaveCount(4 + 3);
  for (const summary of await console.timeline.getByText('Raw JSON').all()) await expect(summary).toBeHidden();
  await expect(console.timeline.getByRole('group', { name: 'Filter the timeline' })).toBeHidden();
  await expect(console.region.getByLabel('Import scenario file')).toHaveCount(0);
  // What is left: the lanes in large type, and the player to drive them.
  await expect(console.lane('prompt-1')).toContainText('failed · 400/8508');
  const presentedSize = await console.lane('prompt-1').locator('h3').evaluate((element) => parseFloat(getComputedStyle(element).fontSize));
  expect(presentedSize).toBeGreaterThan(normalSize * 1.3);
  await expect(console.button('Play')).toBeVisible();
  await expect(console.player.getByRole('combobox', { name: 'Speed' })).toBeVisible();

  await page.keyboard.press('Escape');
  await expect(console.button('Presentation view')).toHaveAttribute('aria-pressed', 'false');
  await expect(page.getByRole('button', { name: 'Send' })).toBeVisible();
  await expect(console.timeline.getByText('Raw JSON').first()).toBeVisible();
});

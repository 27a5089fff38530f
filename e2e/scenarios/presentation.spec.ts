import { expect, test } from '../fixtures';

test('the presentation view shows the swimlanes alone, large, with a caption per step and no developer header; Escape leaves it', async ({ page, scenarios: console }) => {
  await console.open();
  await console.loadDemo('IVR prompt queue cancelled at once (v1.0)');
  await console.setSpeed('10×');
  await console.button('Play').click();
  await expect(console.progress).toContainText('finished');
  const normalHeight = (await console.bars('playPrompt').first().boundingBox())?.height ?? 0;

  await console.button('Presentation view').click();
  await expect(console.button('Presentation view')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByRole('button', { name: 'Send' })).toBeHidden();
  await expect(page.getByRole('combobox', { name: 'Call' })).toBeHidden();
  await expect(page.getByRole('button', { name: 'Play prompt' })).toBeHidden();
  await expect(page.getByRole('radiogroup', { name: 'Mode' })).toBeHidden();
  await expect(page.getByRole('radiogroup', { name: 'Timeline view' })).toBeHidden();
  await expect(console.timeline.getByRole('group', { name: 'Filter the timeline' })).toBeHidden();
  await expect(page.getByRole('tablist', { name: 'Tools' })).toBeHidden();
  // What is left: the swimlanes, large, the player to drive them, and what the last step means.
  await expect(console.bars('playPrompt')).toHaveCount(3);
  await expect(console.bars('playPrompt').first()).toHaveAccessibleName(/failed 400\/8508, cancelled by cancelMediaProcessing [0-9a-f]{8}/);
  const presentedHeight = (await console.bars('playPrompt').first().boundingBox())?.height ?? 0;
  expect(presentedHeight).toBeGreaterThan(normalHeight * 1.3);
  await expect(console.player).toContainText('Graph ends every prompt, the playing one and the queued ones');
  await expect(console.button('Play')).toBeVisible();
  await expect(console.player.getByRole('combobox', { name: 'Speed' })).toBeVisible();

  await console.button('Restart').click();
  await console.button('Step').click();
  await expect(console.player).toContainText('The bot plays the welcome prompt to the caller.');

  await page.keyboard.press('Escape');
  await expect(console.button('Presentation view')).toHaveAttribute('aria-pressed', 'false');
  await expect(page.getByRole('button', { name: 'Send' })).toBeVisible();
  await expect(page.getByRole('radiogroup', { name: 'Mode' })).toBeVisible();
});

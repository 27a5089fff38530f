import { expect, test } from '../fixtures';

test('the timeline filters by status, clientContext and payload text, and the filter survives a reload', async ({ page, console }) => {
  await console.open({ view: 'List' });
  await console.chooseCall(/Sales follow-up/);
  await page.getByRole('button', { name: 'Play prompt' }).click();
  await expect(console.timeline.getByRole('listitem').filter({ hasText: /clientContext prompt-/ })).toContainText('running');
  await console.chooseCall(/Support line/);
  // Through beta, whose recordings carry completionReason (searched for below); v1.0's do not.
  await console.chooseApiVersion('beta');
  await page.getByRole('textbox', { name: 'clientContext' }).fill('filter-test');
  await console.send();
  await console.expectCancelled('menu-prompt');

  const lanes = console.lanes;
  await expect(lanes).toHaveCount(5);
  const filters = console.timeline.getByRole('group', { name: 'Filter the timeline' });
  await filters.getByRole('combobox', { name: 'Status' }).selectOption('failed');
  await expect(lanes).toHaveCount(3);
  await expect(filters).toContainText('Showing 3 of 5 operations.');
  await filters.getByRole('textbox', { name: 'Context contains' }).fill('menu');
  await expect(lanes).toHaveCount(1);
  await expect(lanes.first()).toContainText('menu-prompt');

  await page.reload();
  await expect(lanes).toHaveCount(1);
  await expect(filters.getByRole('combobox', { name: 'Status' })).toHaveValue('failed');

  await filters.getByRole('button', { name: 'Clear filters' }).click();
  await expect(lanes).toHaveCount(5);
  await filters.getByRole('searchbox', { name: 'Search payloads' }).fill('operationCanceled');
  await expect(lanes).toHaveCount(1);
  await expect(lanes.first()).toContainText('voicemail-recording');
  await filters.getByRole('combobox', { name: 'Operation type' }).selectOption('playPrompt');
  await expect(lanes).toHaveCount(0);
});

import { expect, test } from '../fixtures';

test('a reload keeps the chosen call, the form, the timeline and the mock calls’ state', async ({ page, console }) => {
  await console.open({ view: 'List' });
  await console.chooseCall(/Support line/);
  await console.chooseApiVersion('beta');
  await page.getByRole('textbox', { name: 'clientContext' }).fill('before-reload');
  await console.send();
  await console.expectCancelled('menu-prompt');
  const callId = await console.callPicker.inputValue();

  await page.reload();
  await expect(page.getByRole('status').filter({ hasText: 'Connected' })).toBeVisible();
  await expect(console.callPicker).toHaveValue(callId);
  await expect(page.getByRole('combobox', { name: 'API version' })).toHaveValue('beta');
  await expect(page.getByRole('textbox', { name: 'clientContext' })).toHaveValue('before-reload');
  await expect(console.response).toContainText('200 OK');
  await console.expectCancelled('menu-prompt');
  // The simulator kept its state: the support line has nothing left to cancel.
  await expect(page.getByText(/^Support line — established, no media/)).toBeVisible();
  // And the relay resumed after the last notification instead of repeating it.
  await expect(console.lane('menu-prompt').getByText(/notification #/)).toHaveCount(1);
});

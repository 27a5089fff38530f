import { expect, test } from '../fixtures';

test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

test('snippets show the exact request in the form and copy it', async ({ page, console }) => {
  await console.open();
  await console.showTool('Code snippets');
  await console.chooseCall(/Support line/);
  const callId = await console.callPicker.inputValue();
  await console.chooseApiVersion('beta');
  await page.getByRole('textbox', { name: 'clientContext' }).fill(`it's "quoted"`);

  const snippets = page.getByRole('region', { name: 'Snippets' });
  await snippets.getByRole('tab', { name: 'curl' }).click();
  const panel = snippets.getByRole('tabpanel');
  await expect(panel).toContainText(`https://graph.microsoft.com/beta/communications/calls/${callId}/cancelMediaProcessing`);
  await expect(panel).toContainText('Calls.AccessMedia.All');
  await panel.getByRole('button', { name: 'Copy' }).click();
  await expect(panel).toContainText('curl snippet copied.');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toContain(`-d '{"clientContext":"it'\\''s \\"quoted\\""}'`);

  // Arrow keys move between tabs.
  await snippets.getByRole('tab', { name: 'curl' }).press('ArrowRight');
  await expect(snippets.getByRole('tab', { name: 'JavaScript' })).toHaveAttribute('aria-selected', 'true');
  await snippets.getByRole('tab', { name: 'JavaScript' }).press('ArrowRight');
  await expect(panel).toContainText('Stop-MgBetaCommunicationCallMediaProcessing');

  await console.chooseApiVersion('beta (2018, /app)');
  await expect(panel).toContainText('predates the Microsoft Graph PowerShell SDK');
  await expect(panel.getByRole('button', { name: 'Copy' })).toBeDisabled();
});

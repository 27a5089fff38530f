import { expect, test } from '../fixtures';

const PROFILES = [
  { label: 'v1.0', status: '200 OK', location: /\/v1\.0\/communications\/calls\/[0-9a-f-]+\/operations\/[0-9a-f-]+$/ },
  { label: 'beta', status: '200 OK', location: /\/beta\/communications\/calls\/[0-9a-f-]+\/operations\/[0-9a-f-]+$/ },
  { label: 'beta (2018, /app)', status: '202 Accepted', location: /\/beta\/app\/calls\/[0-9a-f-]+\/operations\/[0-9a-f-]+$/ },
] as const;

for (const profile of PROFILES) {
  test(`${profile.label}: cancelling the support line ends the recording and both queued prompts`, async ({ page, console }) => {
    await console.open({ view: 'List' });
    await console.chooseCall(/Support line/);
    await console.chooseApiVersion(profile.label);
    if (profile.label === 'beta (2018, /app)') await expect(page.getByRole('checkbox', { name: 'all' })).toBeChecked();
    else await expect(page.getByRole('checkbox', { name: 'all' })).toBeDisabled();
    await page.getByRole('textbox', { name: 'clientContext' }).fill(`cancel-${profile.label}`);
    await console.send();

    await expect(console.response).toContainText(profile.status);
    await expect(console.response).toContainText('Graph accepted the cancel.');
    const location = console.responseDetail('location');
    await expect(location).toHaveText(profile.location);

    for (const context of ['voicemail-recording', 'welcome-prompt', 'menu-prompt']) await console.expectCancelled(context);
    // v1.0 does not declare a recording's completionReason; beta and the 2018 beta do.
    if (profile.label === 'v1.0') await expect(console.lane('voicemail-recording')).not.toContainText('completionReason');
    else await expect(console.lane('voicemail-recording')).toContainText('completionReason operationCanceled');
    await expect(console.lane('welcome-prompt')).not.toContainText('completionReason');
    const cancelLane = console.lane(`cancel-${profile.label}`);
    await expect(cancelLane).toContainText('cancelMediaProcessing');
    await expect(cancelLane.getByRole('link')).toHaveCount(3);
    await expect(console.lane('voicemail-recording')).toContainText('Cancelled by the cancel sent at');
  });
}

test('beta (2018, /app) with all off cancels only the running recording; the queued prompts still play to completion', async ({ page, console }) => {
  await console.open({ view: 'List' });
  await console.chooseCall(/Support line/);
  await console.chooseApiVersion('beta (2018, /app)');
  await page.getByRole('checkbox', { name: 'all' }).uncheck();
  await page.getByRole('textbox', { name: 'clientContext' }).fill('only-current');
  await console.send();

  await expect(console.response).toContainText('202 Accepted');
  await console.expectCancelled('voicemail-recording');
  // After a 2018 cancel the call reports in the 2018 shape: a completed operation carries no errorInfo.
  await expect(console.lane('welcome-prompt').getByRole('listitem').last()).toContainText('completed', { timeout: 15_000 });
  await expect(console.lane('menu-prompt').getByRole('listitem').last()).toContainText('completed', { timeout: 15_000 });
  await expect(console.lane('welcome-prompt')).not.toContainText('8508');
  // The 2018 API reports the cancel itself as a completed commsOperation notification.
  await expect(console.lane('only-current')).toContainText('completed');
});

test('a prompt queued with Play prompt can be cancelled', async ({ page, console }) => {
  await console.open({ view: 'List' });
  await console.chooseCall(/Sales follow-up/);
  await page.getByRole('button', { name: 'Play prompt' }).click();
  const prompt = console.timeline.getByRole('listitem').filter({ hasText: /clientContext prompt-/ });
  await expect(prompt).toContainText('running');
  await expect(console.callPicker).toHaveAccessibleDescription(/prompt playing/);

  await console.send();
  await expect(console.response).toContainText('200 OK');
  await expect(prompt).toContainText('failed · 400/8508');
});

test('the call picker works from the keyboard', async ({ page, console }) => {
  await console.open({ view: 'List' });
  await console.callPicker.focus();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('listbox', { name: 'Calls' })).toBeVisible();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('listbox', { name: 'Calls' })).toBeHidden();
  await expect(page.getByText(/^Sales follow-up — established/)).toBeVisible();
  await page.getByRole('textbox', { name: 'clientContext' }).press('Enter');
  await expect(console.response).toContainText('200 OK');
});

test('participants are shown as people looked up through /graph', async ({ page, console }) => {
  await console.open({ view: 'List' });
  await console.chooseCall(/Support line/);
  const participants = page.getByRole('list', { name: 'Participants' });
  // mgt renders inside shadow roots: getByText looks into them, as a user's eyes do.
  await expect(participants.getByText('Adele Vance')).toBeVisible();
  await expect(participants.getByText('adele@contoso.example')).toBeVisible();
  await expect(participants.getByText('Megan Bowen')).toBeVisible();
});

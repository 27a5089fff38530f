import { expect, test } from '../fixtures';

// Graph's refusals are what these tests show: the browser logs each refused request.
test.use({ allowedConsoleErrors: [/^Failed to load resource: the server responded with a status of (400|404) /] });

test('a clientContext over 256 characters is refused beside the field and nothing is sent', async ({ page, console }) => {
  await console.open({ view: 'List' });
  await console.chooseCall(/Support line/);
  const graphRequests: string[] = [];
  page.on('request', (request) => {
    if (request.url().includes('/graph/')) graphRequests.push(request.url());
  });
  await page.getByRole('textbox', { name: 'clientContext' }).fill('x'.repeat(257));
  await expect(page.getByText('257/256 characters')).toBeVisible();
  await console.send();

  await expect(page.getByRole('alert')).toContainText('clientContext is 257 characters; Graph accepts at most 256');
  await expect(page.getByRole('textbox', { name: 'clientContext' })).toHaveAttribute('aria-invalid', 'true');
  await expect(console.response).toContainText('Send a cancel to see');
  expect(graphRequests.filter((url) => url.includes('cancelMediaProcessing'))).toEqual([]);
  await expect(console.lane('voicemail-recording')).toHaveCount(0);
});

test('a call id that is not a GUID is refused beside the field', async ({ page, console }) => {
  await console.open({ view: 'List' });
  await console.callPicker.fill('not-a-call-id');
  await console.send();
  await expect(page.getByRole('alert')).toContainText('A call id is a GUID');
  await expect(console.callPicker).toHaveAttribute('aria-invalid', 'true');
  await expect(console.response).toContainText('Send a cancel to see');
});

test('a terminated call shows Graph’s error in plain words', async ({ console }) => {
  await console.open({ view: 'List' });
  await console.chooseCall(/Escalation \(ended\)/);
  await console.send();
  await expect(console.response).toContainText('400 Bad Request');
  await expect(console.response).toContainText('Graph refused the request.');
  await expect(console.response).toContainText('is terminated');
  await expect(console.response).toContainText('Code: BadRequest');
  await expect(console.timeline).toContainText('Rejected requests');
});

test('an unknown call shows a 404 with its code', async ({ page, console }) => {
  await console.open({ view: 'List' });
  await console.callPicker.fill('11111111-2222-4333-8444-555555555555');
  await expect(page.getByText('A call the console has not seen')).toBeVisible();
  await console.send();
  await expect(console.response).toContainText('404 Not Found');
  await expect(console.response).toContainText('Code: itemNotFound');
  await expect(console.response).toContainText('Graph does not know this call');
  await expect(console.response.getByText('request-id', { exact: true })).toBeVisible();
});

test('Live is off with the reason when the server has no Graph credentials', async ({ page, console }) => {
  await console.open({ view: 'List' });
  const mode = page.getByRole('radiogroup', { name: 'Mode' });
  await expect(mode.getByRole('radio', { name: 'Mock' })).toBeChecked();
  await expect(mode.getByRole('radio', { name: 'Live' })).toBeDisabled();
  await expect(page.getByText(/set GRAPH_TENANT_ID, GRAPH_CLIENT_ID and GRAPH_CLIENT_SECRET/)).toBeVisible();
});

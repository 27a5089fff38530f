import { expect, test } from '../fixtures';

test('Swimlanes is the default view: a bar per operation, named by type, id, status and time span; the choice is remembered', async ({ page, console }) => {
  await console.open();
  const views = page.getByRole('radiogroup', { name: 'Timeline view' });
  await expect(views.getByRole('radio', { name: 'Swimlanes' })).toBeChecked();
  await console.chooseCall(/Support line/);
  // Through beta: only beta's recordOperation reports a completionReason (v1.0 does not declare one).
  await console.chooseApiVersion('beta');
  await console.send('swimlanes');

  await expect(console.swimlanes).toBeVisible();
  // The seeded recording and both prompts, ended by the cancel, and the cancel itself.
  await expect(console.bars()).toHaveCount(4);
  await expect(console.bars('playPrompt')).toHaveCount(2);
  for (const bar of await console.bars('playPrompt').all()) {
    await expect(bar).toHaveAccessibleName(/^playPrompt [0-9a-f]{8}, failed 400\/8508, cancelled by cancelMediaProcessing [0-9a-f]{8}, \d+\.\d s–\d+\.\d s$/);
    await expect(bar).toHaveText('cancelled');
  }
  const cancel = console.bars('cancelMediaProcessing');
  await expect(cancel).toHaveAccessibleName(/, ended (recordResponse|record|playPrompt) [0-9a-f]{8}, .+, .+, /);
  await expect(console.swimlanes.getByRole('group', { name: /^Support line [0-9a-f]{8}/ })).toBeVisible();

  // Activating a bar opens the same details as the list card, and the button keeps the focus.
  const recording = console.bars('record');
  await recording.click();
  await expect(recording).toBeFocused();
  await expect(recording).toHaveAttribute('aria-expanded', 'true');
  const details = console.timeline.getByRole('region', { name: 'Operation details' });
  await expect(details.getByRole('note', { name: 'Status' })).toHaveText('failed');
  await expect(details).toContainText('completionReason operationCanceled');
  await expect(details.getByRole('button', { name: /^Redeliver notification \d+$/ })).toHaveCount(1);
  // Each notification's payload, behind its disclosure.
  const rawJson = details.getByRole('button', { name: 'Raw JSON' }).last();
  await expect(rawJson).toHaveAttribute('aria-expanded', 'false');
  await rawJson.click();
  await expect(rawJson).toHaveAttribute('aria-expanded', 'true');
  await expect(details.locator('pre')).toContainText('"completionReason": "operationCanceled"');
  await rawJson.click();
  await expect(details.locator('pre')).toHaveCount(0);
  await details.getByRole('button', { name: 'Close details' }).click();
  await expect(details).toBeHidden();

  await views.getByRole('radio', { name: 'List' }).check();
  await expect(console.lanes).toHaveCount(4);
  await page.reload();
  await expect(views.getByRole('radio', { name: 'List' })).toBeChecked();
  await expect(console.lanes).toHaveCount(4);
  // Newest first, by the log: the cancel came after the operations it ended.
  await expect(console.lanes.first().getByRole('heading')).toContainText('cancelMediaProcessing');
});

test('zoom and Follow live: the chart grows on request, following is a toggle, and a bar taking focus stops it', async ({ console }) => {
  await console.open();
  await console.chooseCall(/Support line/);
  await console.send('zoom');
  await expect(console.bars()).toHaveCount(4);
  // The seeded operations are seen only when they end: the chart's width, not a bar's, shows the zoom.
  const chart = console.swimlanes.getByRole('group', { name: /^Swimlanes chart/ });
  const chartWidth = () => chart.evaluate((element) => element.scrollWidth);
  const fitted = await chartWidth();
  await console.swimlanes.getByRole('button', { name: 'Zoom in' }).click();
  await expect.poll(chartWidth).toBeGreaterThan(fitted * 1.2);
  await console.swimlanes.getByRole('button', { name: 'Fit', exact: true }).click();
  await expect.poll(chartWidth).toBe(fitted);
  const follow = console.swimlanes.getByRole('button', { name: 'Follow live' });
  await expect(follow).toHaveAttribute('aria-pressed', 'true');
  await follow.click();
  await expect(follow).toHaveAttribute('aria-pressed', 'false');
  await follow.click();
  await expect(follow).toHaveAttribute('aria-pressed', 'true');
  // A bar with focus is being read: following must not slide another operation under it.
  const bar = console.bars().first();
  const name = await bar.getAttribute('aria-label');
  await bar.focus();
  await expect(follow).toHaveAttribute('aria-pressed', 'false');
  await expect(bar).toBeFocused();
  await expect(bar).toHaveAttribute('aria-label', name ?? '');
});

test('one polite announcement per cancel sums up its effect; Play prompt keeps the focus', async ({ page, console }) => {
  await console.open();
  await console.chooseCall(/Sales follow-up/);
  const playPrompt = page.getByRole('button', { name: 'Play prompt' });
  await playPrompt.click();
  await expect(playPrompt).toBeFocused();
  await expect(console.bars('playPrompt')).toHaveCount(1);
  await playPrompt.click();
  await expect(console.bars('playPrompt')).toHaveCount(2);
  await expect(playPrompt).toBeFocused();

  await console.send('announce');
  const announcement = console.timeline.locator('[aria-live="polite"]').filter({ hasText: /^Cancel answered/ });
  await expect(announcement).toHaveText(/^Cancel answered 200; 2 operations cancelled: playPrompt [0-9a-f]{8}, playPrompt [0-9a-f]{8}\.$/);
  // It stays: no per-notification message replaces it.
  await page.waitForTimeout(1_000);
  await expect(announcement).toHaveText(/^Cancel answered 200; 2 operations cancelled/);
});

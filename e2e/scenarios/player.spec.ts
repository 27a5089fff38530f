import { expect, test } from '../fixtures';

const LEGACY = '2018 form: only the current prompt cancelled';

test('Step plays one step at a time into a fresh, replayed timeline', async ({ scenarios: console }) => {
  await console.open({ view: 'List' });
  // Something live first: a replay starts on a fresh timeline.
  await console.chooseCall(/Support line/);
  await console.send();
  await console.expectCancelled('menu-prompt');

  await console.loadDemo(LEGACY);
  await expect(console.progress).toHaveText('step 0 of 9');
  await expect(console.button('Pause')).toBeDisabled();
  await console.button('Step').click();
  await expect(console.progress).toHaveText('step 1 of 9 · paused');
  await expect(console.lanes).toHaveCount(0);
  await console.button('Step').click();
  await expect(console.progress).toHaveText('step 2 of 9 · paused');
  await expect(console.lanes).toHaveCount(1);
  await expect(console.lane('prompt-1')).toContainText('running');
  await expect(console.lane('prompt-1')).toContainText('answer · replayed');
  await expect(console.lane('menu-prompt')).toHaveCount(0);
});

// Timers never fire early, so lower bounds on how long a replay takes are safe to assert; upper bounds are generous.
test('Play follows the scenario’s timing at the chosen speed, and a faster speed finishes it sooner', async ({ scenarios: console }) => {
  await console.open({ view: 'List' });
  await console.loadDemo(LEGACY);
  await console.setSpeed('0.5×');
  const started = Date.now();
  await console.button('Play').click();
  await expect(console.button('Play')).toBeDisabled();
  // Steps 3 and 4 come 1 s into the scenario: 2 s into a replay at 0.5×.
  await expect(console.progress).toHaveText('step 4 of 9 · playing', { timeout: 8_000 });
  expect(Date.now() - started).toBeGreaterThanOrEqual(1_900);

  // The last step is 18 s into the scenario: at 10× what is left takes under 2 s.
  await console.setSpeed('10×');
  await expect(console.progress).toHaveText('step 9 of 9 · finished', { timeout: 5_000 });
  await console.expectCancelled('prompt-1');
  // Reported in the 2018 shape, where a completed operation carries no errorInfo.
  await expect(console.lane('prompt-2').getByRole('listitem').last()).toContainText('completed');
  await expect(console.lane('prompt-2')).not.toContainText('8508');
  await expect(console.lane('prompt-2')).toContainText('· replayed');
  await expect(console.lane('skip-current').getByRole('link')).toHaveCount(1);
});

test('Pause holds the replay where it is; Play resumes it; Restart goes back to the start', async ({ page, scenarios: console }) => {
  await console.open({ view: 'List' });
  await console.loadDemo(LEGACY);
  await console.setSpeed('1×');
  await console.button('Play').click();
  await expect(console.progress).toHaveText(/^step [1-9] of 9 · playing$/);
  await console.button('Pause').click();
  await expect(console.progress).toHaveText(/ · paused$/);
  await expect(console.button('Pause')).toBeDisabled();
  const held = await console.progress.textContent();
  await page.waitForTimeout(3_500);
  await expect(console.progress).toHaveText(held ?? '');

  await console.setSpeed('10×');
  await console.button('Play').click();
  await expect(console.progress).toHaveText('step 9 of 9 · finished', { timeout: 5_000 });
  await console.button('Restart').click();
  await expect(console.progress).toHaveText('step 0 of 9');
});

test('the Playwright spec of a loaded scenario downloads', async ({ scenarios: console }) => {
  await console.open({ view: 'List' });
  await console.loadDemo('Recording cancelled mid-way, tones kept');
  const spec = await console.download('Download Playwright spec');
  expect(spec.download.suggestedFilename()).toBe('recording-cancelled-mid-way-tones-kept.spec.ts');
  expect(spec.text).toContain("test('scenario: Recording cancelled mid-way, tones kept'");
  expect(spec.text).toContain("await chooseCall(page, 'Sales follow-up');");
  expect(spec.text).toContain("await page.getByRole('button', { name: 'Subscribe to tones' }).click();");
});

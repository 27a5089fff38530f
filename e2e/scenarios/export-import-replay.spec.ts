import { expect, test } from '../fixtures';
import type { ScenariosPage } from './scenarios-page';

/** Queues two prompts on the idle call and cancels them with v1.0, as a user would. */
async function recordSession(console: ScenariosPage): Promise<string[][]> {
  await console.open({ view: 'List' });
  await console.chooseCall(/Sales follow-up/);
  await console.page.getByRole('button', { name: 'Play prompt' }).click();
  await expect(console.lane('prompt-1')).toBeVisible();
  await console.page.getByRole('button', { name: 'Play prompt' }).click();
  await expect(console.lane('prompt-2')).toBeVisible();
  await console.page.getByRole('textbox', { name: 'clientContext' }).fill('round-trip');
  await console.send();
  await console.expectCancelled('prompt-1');
  await console.expectCancelled('prompt-2');
  await expect(console.lane('round-trip').getByRole('link')).toHaveCount(2);
  await expect(console.lanes).toHaveCount(3);
  const summary = await console.timelineSummary();
  expect(summary.flat()).toEqual(expect.arrayContaining(['failed · 400/8508 Action failed, the operation was cancelled.', expect.stringMatching(/^Ended: playPrompt <id>, playPrompt <id>$/)]));
  return summary;
}

test('export → import → replay gives back the same timeline, marked as replayed', async ({ page, scenarios: console }) => {
  const recorded = await recordSession(console);
  const callId = await console.callPicker.inputValue();

  await console.region.getByRole('textbox', { name: 'Scenario name' }).fill('Round trip');
  const exported = await console.download('Export scenario');
  expect(exported.download.suggestedFilename()).toBe('round-trip.scenario.json');
  const file = JSON.parse(exported.text) as { format: string; version: number; name: string; mode: string; calls: { id: string; label?: string }[]; steps: unknown[] };
  expect(file).toMatchObject({ format: 'comms-console-scenario', version: 1, name: 'Round trip', mode: 'mock' });
  expect(file.calls).toEqual([expect.objectContaining({ id: callId, label: 'Sales follow-up' })]);
  await expect(console.region).toContainText(`Exported ${file.steps.length} steps`);

  await console.importFile(exported.path);
  await expect(console.player).toContainText('Round trip');
  await expect(console.progress).toHaveText(`step 0 of ${file.steps.length}`);
  await console.setSpeed('10×');
  await console.button('Play').click();
  await expect(console.progress).toHaveText(`step ${file.steps.length} of ${file.steps.length} · finished`);

  expect(await console.timelineSummary()).toEqual(recorded);
  await expect(console.lane('prompt-1')).toContainText('notification #');
  await expect(console.lane('prompt-1')).toContainText('· replayed');
  await expect(console.lane('prompt-1')).not.toContainText('simulated');
  await expect(console.player).toContainText('replayed, not live');

  // Live notifications still arrive after a replay: its numbering did not move the relay's.
  await page.getByRole('button', { name: 'Play prompt' }).click();
  await expect(console.lane('prompt-3')).toBeVisible();
  await page.getByRole('textbox', { name: 'clientContext' }).fill('after-replay');
  await console.send();
  await console.expectCancelled('prompt-3');
  await expect(console.lane('prompt-3')).toContainText('simulated');
  await expect(console.lane('prompt-3')).not.toContainText('replayed');
});

test('a re-keyed export names no original id, and replays to the same timeline', async ({ scenarios: console }) => {
  const recorded = await recordSession(console);
  const callId = await console.callPicker.inputValue();

  await console.region.getByRole('checkbox', { name: 'Re-key ids' }).check();
  const exported = await console.download('Export scenario');
  expect(exported.text).not.toContain(callId);
  const operationIds = await console.lanes.evaluateAll((items) => items.map((item) => item.id.replace(/^lane-/, '')));
  for (const id of operationIds) expect(exported.text).not.toContain(id);

  await console.importFile(exported.path);
  await console.setSpeed('10×');
  await console.button('Play').click();
  await expect(console.progress).toContainText('finished');
  expect(await console.timelineSummary()).toEqual(recorded);
  const replayedIds = await console.lanes.evaluateAll((items) => items.map((item) => item.id.replace(/^lane-/, '')));
  expect(replayedIds.filter((id) => operationIds.includes(id))).toEqual([]);
});

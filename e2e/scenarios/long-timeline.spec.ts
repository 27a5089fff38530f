import { expect, test } from '../fixtures';

const OPERATIONS = 1_500;
const CALL_ID = '5c659748-2d34-4649-b5e2-fe93e8f7a32d';

/** A scenario with one completed prompt per notification: a long demo recording. */
function longScenario(): string {
  const steps = Array.from({ length: OPERATIONS }, (_, index) => ({
    t: index,
    kind: 'notification',
    seq: index + 1,
    source: 'simulator',
    verified: false,
    body: {
      value: [
        {
          changeType: 'deleted',
          resourceUrl: `/communications/calls/${CALL_ID}/operations/00000000-0000-4000-8000-${String(index + 1).padStart(12, '0')}`,
          resourceData: {
            '@odata.type': '#microsoft.graph.playPromptOperation',
            status: 'completed',
            clientContext: `long-${index + 1}`,
            resultInfo: { code: 200, subcode: 0, message: 'Action completed successfully.' },
          },
        },
      ],
    },
  }));
  return JSON.stringify({
    format: 'comms-console-scenario',
    version: 1,
    name: 'Long timeline',
    description: 'Many prompts',
    recordedAt: '2026-01-01T00:00:00.000Z',
    mode: 'mock',
    calls: [{ id: CALL_ID, label: 'Sales follow-up', state: 'established', participants: [] }],
    steps,
  });
}

test('a timeline of 1,500 operations stays usable: every one is counted and reachable, few are in the page at once', async ({ page, scenarios: console }) => {
  await console.open({ view: 'List' });
  await console.importText(longScenario(), 'long.scenario.json');
  await console.setSpeed('10×');
  await console.button('Play').click();
  await expect(console.progress).toHaveText(`step ${OPERATIONS} of ${OPERATIONS} · finished`, { timeout: 30_000 });

  await expect(console.timeline.getByText(`${OPERATIONS} operations.`)).toBeVisible();
  // Newest first: the last prompt is at the top.
  await expect(console.lanes.first()).toContainText(`long-${OPERATIONS}`);
  const rendered = await console.lanes.count();
  expect(rendered).toBeGreaterThan(0);
  expect(rendered).toBeLessThan(100);

  // The oldest is reachable by scrolling to the end of the page.
  const oldest = console.lanes.filter({ has: page.getByText('long-1', { exact: true }) });
  await expect(oldest).toHaveCount(0);
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  await expect(oldest).toBeVisible();
  await expect(oldest).toHaveAttribute('aria-posinset', String(OPERATIONS));
  await expect(oldest).toHaveAttribute('aria-setsize', String(OPERATIONS));

  // Filtering still looks at every operation, not just those in the page.
  await console.timeline.getByRole('textbox', { name: 'Context contains' }).fill('long-7');
  await expect(console.timeline.getByText(/Showing 111 of 1500 operations\./)).toBeVisible();
});

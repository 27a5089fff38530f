import { axeViolations, expect, test } from '../fixtures';

for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`${colorScheme} colours`, () => {
    test.use({ colorScheme });
    // Eight full axe runs over the whole page: slow on a busy machine, and not a speed check.
    test.slow();

    test('no axe violations on first load, after a cancel, in both views and in the Presentation view', async ({ page, console, scenarios }) => {
      await console.open();
      expect(await axeViolations(page), 'first load').toEqual([]);

      await console.chooseCall(/Support line/);
      await console.send('axe');
      await expect(console.bars()).toHaveCount(4);
      expect(await axeViolations(page), 'after a cancel, Swimlanes').toEqual([]);
      await console.bars('playPrompt').first().click();
      const details = console.timeline.getByRole('region', { name: 'Operation details' });
      await expect(details).toBeVisible();
      await details.getByRole('button', { name: 'Raw JSON' }).first().click();
      await expect(details.locator('pre')).toBeVisible();
      expect(await axeViolations(page), 'a bar’s details, a payload open').toEqual([]);

      await console.showView('List');
      await expect(console.lanes).toHaveCount(4);
      expect(await axeViolations(page), 'after a cancel, List').toEqual([]);

      for (const tab of ['Sessions', 'Code snippets'] as const) {
        await console.showTool(tab);
        expect(await axeViolations(page), tab).toEqual([]);
      }

      await scenarios.showTool('Scenarios');
      await scenarios.loadDemo('Recording cancelled mid-way, tones kept (beta)');
      await scenarios.setSpeed('10×');
      await scenarios.button('Play').click();
      await expect(scenarios.progress).toContainText('finished');
      await scenarios.button('Presentation view').click();
      await expect(scenarios.button('Presentation view')).toHaveAttribute('aria-pressed', 'true');
      expect(await axeViolations(page), 'Presentation view').toEqual([]);
    });
  });
}

import { expect, test } from '../fixtures';

test.describe('at 1440×900', () => {
  test.use({ viewport: { width: 1440, height: 900 } });

  test('the cancel form and the swimlanes share the first screen after a cancel', async ({ page, console }) => {
    await console.open();
    await console.chooseCall(/Support line/);
    await console.send('above-the-fold');
    await expect(console.bars()).toHaveCount(4);
    await page.evaluate(() => window.scrollTo(0, 0));
    await expect(page.getByRole('button', { name: 'Send' })).toBeInViewport();
    await expect(console.swimlanes).toBeInViewport();
    // The newest operation (the cancel) is on the first screen too.
    await expect(console.bars('cancelMediaProcessing')).toBeInViewport();
  });
});

for (const width of [420, 1920]) {
  test.describe(`at ${width} px`, () => {
    test.use({ viewport: { width, height: 900 } });

    test('nothing is clipped: the Mode switch reads in full and the page does not scroll sideways', async ({ page, console }) => {
      await console.open();
      await expect(page.getByRole('radiogroup', { name: 'Mode' }).getByText('Mock', { exact: true })).toBeInViewport({ ratio: 1 });
      await console.chooseCall(/Support line/);
      await console.send('narrow');
      await expect(console.bars()).toHaveCount(4);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await expect(console.bars('cancelMediaProcessing')).toBeVisible();
    });
  });
}

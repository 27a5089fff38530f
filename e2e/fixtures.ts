import AxeBuilder from '@axe-core/playwright';
import { expect, test as base, type Page } from '@playwright/test';
import { ConsolePage } from './console-page';
import { LiveConsolePage } from './live/live-console';
import { ScenariosPage } from './scenarios/scenarios-page';

/** The WCAG levels and best practices every screen of the console is held to. */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];

/** Accessibility violations on the page as it is now: `[]` when there are none, else one line each. */
export async function axeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  return results.violations.map((violation) => `${violation.id} (${violation.impact}): ${violation.help} — ${violation.nodes.map((node) => node.target.join(' ')).slice(0, 5).join(' | ')}`);
}

function collectConsoleErrors(page: Page, allowed: readonly RegExp[], errors: string[]): void {
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const text = message.text();
    if (!allowed.some((pattern) => pattern.test(text))) errors.push(text);
  });
  page.on('pageerror', (error) => errors.push(`Uncaught: ${error.message}`));
}

interface Fixtures {
  /** The console page object (mock and live), by role and name. */
  console: ConsolePage;
  /** The console with its Scenarios tools. */
  scenarios: ScenariosPage;
  /** The console in live mode against the fake Graph. */
  live: LiveConsolePage;
  /** A second tab of the same browser (same storage, same mock world), its console errors checked too. */
  secondTab: ConsolePage;
  /**
   * Console errors a test expects (a refused request the browser logs, for example). Any other
   * error the browser logs fails the test.
   */
  allowedConsoleErrors: RegExp[];
  consoleErrors: string[];
}

export const test = base.extend<Fixtures>({
  allowedConsoleErrors: [[], { option: true }],
  consoleErrors: [
    async ({ page, allowedConsoleErrors }, provide) => {
      const errors: string[] = [];
      collectConsoleErrors(page, allowedConsoleErrors, errors);
      await provide(errors);
      expect(errors, 'the browser console logged errors').toEqual([]);
    },
    { auto: true },
  ],
  secondTab: async ({ context, allowedConsoleErrors }, provide) => {
    const page = await context.newPage();
    const errors: string[] = [];
    collectConsoleErrors(page, allowedConsoleErrors, errors);
    await provide(new ConsolePage(page));
    expect(errors, 'the second tab\'s browser console logged errors').toEqual([]);
  },
  console: async ({ page }, provide) => provide(new ConsolePage(page)),
  scenarios: async ({ page }, provide) => provide(new ScenariosPage(page)),
  live: async ({ page }, provide) => provide(new LiveConsolePage(page)),
});

export { expect };

import { expect, type Page } from '@playwright/test';

/** What a user does on the console, by role and accessible name (the names in docs/architecture.md). */
export class ConsolePage {
  constructor(readonly page: Page) {}

  get timeline() {
    return this.page.getByRole('region', { name: 'Operation timeline' });
  }

  get response() {
    return this.page.getByRole('region', { name: 'Response' });
  }

  get callPicker() {
    return this.page.getByRole('combobox', { name: 'Call' });
  }

  async open(): Promise<void> {
    await this.page.goto('/');
    await expect(this.page.getByRole('status').filter({ hasText: /^(Connected|Reconnecting…|Disconnected)$/ })).toHaveText('Connected');
  }

  async chooseCall(name: RegExp): Promise<void> {
    await this.callPicker.click();
    await this.page.getByRole('option', { name }).click();
  }

  async chooseApiVersion(label: 'v1.0' | 'beta' | 'beta (2018, /app)'): Promise<void> {
    await this.page.getByRole('combobox', { name: 'API version' }).selectOption({ label });
  }

  async send(): Promise<void> {
    await this.page.getByRole('button', { name: 'Send' }).click();
  }

  /** The timeline lane of the operation started with this clientContext. */
  lane(clientContext: string) {
    return this.timeline.getByRole('listitem').filter({ has: this.page.locator('h3') }).filter({ hasText: clientContext });
  }

  async expectCancelled(clientContext: string): Promise<void> {
    const lane = this.lane(clientContext);
    await expect(lane).toContainText('failed · 400/8508 Action failed, the operation was cancelled.');
  }
}

import { expect, type Page } from '@playwright/test';

export type ToolTab = 'Scenarios' | 'Sessions' | 'Code snippets';

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

  get clientContext() {
    return this.page.getByRole('textbox', { name: 'clientContext' });
  }

  get relayStatus() {
    return this.page.getByRole('status').filter({ hasText: /^(Connected|Reconnecting…|Disconnected)$/ });
  }

  /** The Swimlanes chart (the timeline's default view). */
  get swimlanes() {
    return this.timeline.getByRole('figure', { name: 'Swimlanes' });
  }

  /** The List view's cards, newest first. */
  get lanes() {
    return this.timeline.getByRole('list', { name: 'Operations' }).getByRole('listitem').filter({ has: this.page.getByRole('heading') });
  }

  /** Opens the console; `view`: the timeline view to show (a new browser context starts in Swimlanes). */
  async open(options: { view?: 'Swimlanes' | 'List' } = {}): Promise<void> {
    await this.page.goto('/');
    await expect(this.relayStatus).toHaveText('Connected');
    if (options.view) await this.showView(options.view);
  }

  async showView(view: 'Swimlanes' | 'List'): Promise<void> {
    await this.page.getByRole('radiogroup', { name: 'Timeline view' }).getByRole('radio', { name: view }).check();
  }

  /** Shows one of the secondary panels (they share a tab list beside the cancel form). */
  async showTool(tab: ToolTab): Promise<void> {
    await this.page.getByRole('tablist', { name: 'Tools' }).getByRole('tab', { name: tab }).click();
  }

  async chooseCall(name: RegExp): Promise<void> {
    await this.callPicker.click();
    await this.page.getByRole('option', { name }).click();
  }

  async chooseApiVersion(label: 'v1.0' | 'beta' | 'beta (2018, /app)'): Promise<void> {
    await this.page.getByRole('combobox', { name: 'API version' }).selectOption({ label });
  }

  async send(clientContext?: string): Promise<void> {
    if (clientContext !== undefined) await this.clientContext.fill(clientContext);
    await this.page.getByRole('button', { name: 'Send' }).click();
  }

  /** A header of Graph's answer in the Response region (location, request-id, client-request-id, retry-after). */
  responseDetail(name: 'location' | 'request-id' | 'client-request-id' | 'retry-after') {
    return this.response.getByRole('note', { name });
  }

  /**
   * The List view's card of the operation started with this clientContext; `exact` when another
   * clientContext starts with this one (prompt-1 and prompt-10).
   */
  lane(clientContext: string, options: { exact?: boolean } = {}) {
    return options.exact
      ? this.lanes.filter({ has: this.page.getByText(clientContext, { exact: true }) })
      : this.lanes.filter({ hasText: clientContext });
  }

  /** A card's status (notStarted, running, completed, failed), by its accessible name. */
  laneStatus(clientContext: string) {
    return this.lane(clientContext).getByRole('note', { name: 'Status' });
  }

  /** The swimlane bars of one operation type ("playPrompt", "cancelMediaProcessing"...), in the chart's order. */
  bars(type?: string) {
    return this.swimlanes.getByRole('button', { name: new RegExp(`^${type ?? '\\S+'} [0-9a-f]{8}, `) });
  }

  async expectCancelled(clientContext: string): Promise<void> {
    await expect(this.lane(clientContext)).toContainText('failed · 400/8508 Action failed, the operation was cancelled.');
  }
}

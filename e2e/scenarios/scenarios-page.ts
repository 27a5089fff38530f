import { expect, type Download } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { ConsolePage } from '../console-page';



/** The Scenarios region and what a user does with it, by role and accessible name. */
export class ScenariosPage extends ConsolePage {
  get region() {
    return this.page.getByRole('region', { name: 'Scenarios' });
  }

  /** Opens the console with its Scenarios tools shown. */
  override async open(options: { view?: 'Swimlanes' | 'List' } = {}): Promise<void> {
    await super.open(options);
    await this.showTool('Scenarios');
  }

  get player() {
    return this.region.getByRole('group', { name: 'Replay' });
  }

  get progress() {
    return this.player.getByText(/^step \d+ of \d+/);
  }

  get importError() {
    return this.region.getByRole('alert');
  }

  button(name: 'Play' | 'Pause' | 'Step' | 'Restart' | 'Presentation view' | 'Load demo' | 'Export scenario' | 'Download Playwright spec') {
    // Exact: "Play" must not also find the media controls' "Play prompt".
    return this.page.getByRole('button', { name, exact: true });
  }

  async loadDemo(name: string): Promise<void> {
    await this.region.getByRole('combobox', { name: 'Built-in demo' }).selectOption({ label: name });
    await this.button('Load demo').click();
    await expect(this.player).toContainText(name);
  }

  async setSpeed(label: '0.5×' | '1×' | '2×' | '5×' | '10×'): Promise<void> {
    await this.player.getByRole('combobox', { name: 'Speed' }).selectOption({ label });
  }

  async importText(text: string, name = 'scenario.json'): Promise<void> {
    await this.region.getByLabel('Import scenario file').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
  }

  async importFile(path: string): Promise<void> {
    await this.region.getByLabel('Import scenario file').setInputFiles(path);
  }

  /** Clicks a button that downloads, and returns the downloaded file's text. */
  async download(button: 'Export scenario' | 'Download Playwright spec'): Promise<{ download: Download; text: string; path: string }> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.button(button).click()]);
    const path = await download.path();
    return { download, text: await readFile(path, 'utf8'), path };
  }

  /**
   * What the timeline says, lane by lane, without what differs between a live run and its
   * replay: ids (a re-keyed export has new ones), clock times and provenance badges.
   */
  async timelineSummary(): Promise<string[][]> {
    return this.lanes.evaluateAll((items) =>
      items.map((item) => {
        const texts = [
          item.querySelector('h3'),
          item.querySelector('dl'),
          ...item.querySelectorAll('.changes strong'),
          ...item.querySelectorAll('.link-line'),
        ].map((node) => (node?.textContent ?? '').replace(/[0-9a-f]{8}…/g, '<id>').replace(/\d{2}:\d{2}:\d{2}\.\d{3}/g, '<time>').replace(/\s+/g, ' ').trim());
        return texts;
      }),
    );
  }
}

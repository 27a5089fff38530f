import { randomUUID } from 'node:crypto';
import { expect, type APIRequestContext } from '@playwright/test';
import { ConsolePage } from '../console-page';
import { FAKE_GRAPH_URL, seededCallId } from './harness';

/** The fake Graph's established call with the seeded recording and prompts (the same seed the fake starts from). */
export const SUPPORT_LINE = seededCallId('Support line');

export const PROFILES = [
  { label: 'v1.0', status: '200 OK', operationsRoot: `${FAKE_GRAPH_URL}/v1.0/communications/calls` },
  { label: 'beta', status: '200 OK', operationsRoot: `${FAKE_GRAPH_URL}/beta/communications/calls` },
  { label: 'beta (2018, /app)', status: '202 Accepted', operationsRoot: `${FAKE_GRAPH_URL}/beta/app/calls` },
] as const;

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Graph's Location for a new operation on this call, as the proxy passes it back unchanged. */
export function operationLocation(operationsRoot: string, callId: string): RegExp {
  return new RegExp(`^${escapeRegExp(`${operationsRoot}/${callId}/operations/`)}[0-9a-f-]{36}$`);
}

/**
 * A prefix no other test's clientContexts share: the live console's store is shared by every test of
 * the run, and the relay replays all of it to a new page.
 */
export function uniqueTag(name: string): string {
  return `${name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}-${randomUUID().slice(0, 8)}`;
}

/** What a bot would have going on the call: a long recording, then two prompts waiting behind it. */
export interface QueuedMedia {
  recording: string;
  prompts: [string, string];
  all: string[];
}

/**
 * Queues media on a call through the live console's /graph proxy, as a bot would through Graph. The
 * call is cleared first (one cancel of everything on it, outside the test's tag), so the test's own
 * cancel ends exactly these three operations, whether the seeded media or an earlier test's are
 * still running or not.
 */
export async function queueMedia(request: APIRequestContext, callId: string, tag: string): Promise<QueuedMedia> {
  const media: QueuedMedia = { recording: `${tag}-recording`, prompts: [`${tag}-prompt-1`, `${tag}-prompt-2`], all: [] };
  media.all = [media.recording, ...media.prompts];
  const post = async (action: 'recordResponse' | 'playPrompt' | 'cancelMediaProcessing', body: Record<string, unknown>) => {
    const response = await request.post(`/graph/v1.0/communications/calls/${callId}/${action}`, { data: body });
    expect(response.status(), `${action} through the proxy: ${await response.text()}`).toBe(200);
  };
  await post('cancelMediaProcessing', { clientContext: `clear-call-${randomUUID().slice(0, 8)}` });
  // Ten minutes: it is still running whenever the test sends its cancel.
  await post('recordResponse', { clientContext: media.recording, maxRecordDurationInSeconds: 600, playBeep: true });
  for (const clientContext of media.prompts) {
    await post('playPrompt', {
      clientContext,
      prompts: [{ '@odata.type': '#microsoft.graph.mediaPrompt', mediaInfo: { uri: 'https://cdn.contoso.example/prompts/please-hold.wav', resourceId: clientContext } }],
    });
  }
  return media;
}

/** The console a user opens against the server's Graph: what they do in live mode. */
export class LiveConsolePage extends ConsolePage {
  get mode() {
    return this.page.getByRole('radiogroup', { name: 'Mode' });
  }

  /** Chooses a mode; the page reloads into it. */
  async chooseMode(name: 'Mock' | 'Live'): Promise<void> {
    const reloaded = this.page.waitForEvent('load');
    await this.mode.getByRole('radio', { name }).click();
    await reloaded;
    await expect(this.mode.getByRole('radio', { name })).toBeChecked();
    await expect(this.relayStatus).toHaveText('Connected');
  }

  /** Opens the console (a new page starts in Mock) and switches it to Live. */
  async openLive(options: { view?: 'Swimlanes' | 'List' } = {}): Promise<void> {
    await this.open();
    await this.chooseMode('Live');
    await expect(this.page.getByText('live Graph through the console server')).toBeVisible();
    if (options.view) await this.showView(options.view);
  }

  /** The provenance marks of the notifications in an operation's lane (`notification #12 · token verified`). */
  notificationMarks(clientContext: string) {
    return this.lane(clientContext).getByText(/^notification #\d+ · /);
  }

  /** Cancelled, reported by exactly one notification, whose token the console verified. */
  async expectCancelledByVerifiedNotification(clientContext: string): Promise<void> {
    await this.expectCancelled(clientContext);
    await expect(this.notificationMarks(clientContext)).toHaveText([/^notification #\d+ · token verified$/]);
    await expect(this.lane(clientContext)).toContainText('Cancelled by the cancel sent at');
  }
}

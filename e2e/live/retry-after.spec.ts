/**
 * Graph throttles (429 with Retry-After) or is unavailable (503): the console shows the answer plainly and
 * holds Send until Retry-After has passed, and nothing is sent again unless the user sends it.
 *
 * The fake Graph runs in its own process here, out of a spec's reach, so the throttled answer is played
 * at the browser's edge, shaped as the console's /graph passes Graph's on; that the server passes it
 * through unchanged and never retries by itself is proven against the fake Graph in
 * server/hardening/upstream-throttling.test.ts.
 */
import type { Page } from '@playwright/test';
import { expect, test } from '../fixtures';

// Graph's refusals are what these tests show: the browser logs each refused request.
test.use({ allowedConsoleErrors: [/^Failed to load resource: the server responded with a status of (429|503) /] });
import { SUPPORT_LINE, uniqueTag } from './live-console';

const CANCEL = `**/graph/v1.0/communications/calls/${SUPPORT_LINE}/cancelMediaProcessing`;

/** Answers the next cancel as Graph would when throttling; counts every cancel the page sends. */
async function throttleNextCancel(page: Page, status: 429 | 503, retryAfterSeconds: number): Promise<{ sent: () => number }> {
  let sent = 0;
  await page.route(CANCEL, async (route) => {
    sent += 1;
    if (sent > 1) return route.continue();
    const code = status === 429 ? 'TooManyRequests' : 'ServiceUnavailable';
    const ids = { 'request-id': '0b1b7a2e-0000-4000-8000-000000000429', 'client-request-id': route.request().headers()['client-request-id'] ?? '0b1b7a2e-0000-4000-8000-000000000001' };
    await route.fulfill({
      status,
      headers: { 'content-type': 'application/json', 'retry-after': String(retryAfterSeconds), ...ids },
      body: JSON.stringify({ error: { code, message: 'Too many requests.', innerError: { ...ids, date: new Date().toISOString().slice(0, 19) } } }),
    });
  });
  return { sent: () => sent };
}

for (const status of [429, 503] as const) {
  test(`a ${status} with Retry-After is shown plainly, Send waits it out, and nothing is resent by itself`, async ({ page, live: console }) => {
    await console.openLive({ view: 'List' });
    const cancels = await throttleNextCancel(page, status, 3);
    await console.callPicker.fill(SUPPORT_LINE);
    await console.chooseApiVersion('v1.0');
    await page.getByRole('textbox', { name: 'clientContext' }).fill(uniqueTag(`throttled-${status}`));
    const send = page.getByRole('button', { name: 'Send' });
    await console.send();

    await expect(console.response).toContainText(String(status));
    await expect(console.response).toContainText(status === 429 ? 'TooManyRequests' : 'ServiceUnavailable');
    await expect(console.responseDetail('retry-after')).toHaveText('3');
    await expect(send).toBeDisabled();
    await expect(page.getByText(/Graph asked to wait: you can send again in [1-3] s\./)).toBeVisible();

    // Once Retry-After has passed, Send is back, and the page sent nothing in the meantime.
    await expect(send).toBeEnabled({ timeout: 6_000 });
    expect(cancels.sent(), 'no cancel was sent again without the user').toBe(1);
    await console.send();
    await expect(console.response).toContainText('200 OK');
    expect(cancels.sent()).toBe(2);
  });
}

/**
 * Live mode end to end, once per API profile: the browser sends the cancel to the console's /graph
 * proxy, which calls the fake Graph over TLS with an app token; the fake posts signed notifications
 * to the console's /api/calls, which verifies, stores and relays them over the websocket to the timeline.
 */
import { expect, test } from '../fixtures';
import { LIVE_CONSOLE_URL } from './harness';
import { PROFILES, SUPPORT_LINE, operationLocation, queueMedia, uniqueTag } from './live-console';

for (const profile of PROFILES) {
  test(`${profile.label}: Send cancels the call's recording and queued prompts, each reported failed by a verified notification`, async ({ page, request, live: console }) => {
    const tag = uniqueTag(profile.label);
    const media = await queueMedia(request, SUPPORT_LINE, tag);
    await console.openLive({ view: 'List' });
    // Where Graph must post notifications, and why this local URL would not do for the real Graph.
    await expect(page.getByText(`Register ${LIVE_CONSOLE_URL}/api/calls as the bot's callback URL`)).toBeVisible();
    await expect(page.getByText('PUBLIC_URL is not set')).toBeVisible();

    await console.callPicker.fill(SUPPORT_LINE);
    await console.chooseApiVersion(profile.label);
    if (profile.label === 'beta (2018, /app)') await expect(page.getByRole('checkbox', { name: 'all' })).toBeChecked();
    await page.getByRole('textbox', { name: 'clientContext' }).fill(`${tag}-cancel`);
    await console.send();

    await expect(console.response).toContainText(profile.status);
    await expect(console.response).toContainText('Graph accepted the cancel.');
    const location = console.responseDetail('location');
    await expect(location).toHaveText(operationLocation(profile.operationsRoot, SUPPORT_LINE));

    for (const context of media.all) await console.expectCancelledByVerifiedNotification(context);
    // v1.0 does not declare a recording's completionReason; beta and the 2018 beta do.
    if (profile.label === 'v1.0') await expect(console.lane(media.recording)).not.toContainText('completionReason');
    else await expect(console.lane(media.recording)).toContainText('completionReason operationCanceled');
    await expect(console.lane(media.prompts[0])).not.toContainText('completionReason');

    const cancelLane = console.lane(`${tag}-cancel`);
    await expect(cancelLane.getByRole('heading')).toContainText('cancelMediaProcessing');
    await expect(cancelLane.getByRole('heading')).toContainText('completed');
    if (profile.label === 'beta (2018, /app)') {
      // The 2018 API answers 202 with no body; the cancel completes by a commsOperation notification.
      await expect(cancelLane).toContainText('accepted (202)');
      await expect(console.notificationMarks(`${tag}-cancel`)).toHaveText([/^notification #\d+ · token verified$/]);
    } else {
      await expect(cancelLane).toContainText('completed · 200/0');
      await expect(console.notificationMarks(`${tag}-cancel`)).toHaveCount(0);
    }

    // Graph has no "list calls": the picker knows the call from the notifications that named it.
    await console.callPicker.click();
    await expect(page.getByRole('option', { name: new RegExp(`^Call ${SUPPORT_LINE.slice(0, 8)} — state not reported, last notification `) })).toBeVisible();
  });
}

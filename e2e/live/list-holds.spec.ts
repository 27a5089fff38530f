/**
 * The List under a stream of new operations, in live mode: once they come faster than anyone reads, the
 * cards hold still and the new ones wait under a "newer operations" button, while the Latest strip names
 * them. The hold ends on request (focus moves to the list), by choosing a Latest entry (focus moves to its
 * card), or by itself once the stream stops, unless the button has the focus.
 * This spec runs its own console (its history is the spec's alone) and plays Graph, signing each notification.
 */
import { expect, test } from '../fixtures';
import { ownConsoleForSpec } from './graph-notifications';

const consoleProcess = ownConsoleForSpec(test);

const CALL = 'c3330000-0000-4000-8000-000000000f03';
/** Operation n: its short id (the first 8 digits) is n, so every card's name differs. */
const operationId = (operation: number) => `${String(operation).padStart(8, '0')}-0000-4000-9000-000000000000`;
const short = (operation: number) => operationId(operation).slice(0, 8);

async function notify(operation: number): Promise<void> {
  const id = operationId(operation);
  const body = {
    value: [
      {
        '@odata.type': '#microsoft.graph.commsNotification',
        changeType: 'created',
        resourceUrl: `/communications/calls/${CALL}/operations/${id}`,
        resourceData: { '@odata.type': '#microsoft.graph.playPromptOperation', id, clientContext: `held-${operation}`, status: 'running' },
      },
    ],
  };
  const answer = await consoleProcess.post(body);
  expect(answer.status, answer.text).toBe(202);
}

/** New operations first to last, as fast as Graph can be played: far faster than anyone reads. */
async function burst(first: number, last: number): Promise<void> {
  for (let operation = first; operation <= last; operation += 1) await notify(operation);
}

test('the List holds still under a stream of new operations, names them in the Latest strip, and shows them on request', async ({ page, live: console }) => {
  await burst(1, 30);
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(`http://127.0.0.1:${consoleProcess.port}/`);
  await expect(console.relayStatus).toHaveText('Connected');
  await console.chooseMode('Live');
  await console.showView('List');

  const card = (operation: number) => console.lanes.filter({ has: page.getByRole('heading', { name: new RegExp(`^playPrompt ${short(operation)}`) }) });
  const latest = console.timeline.getByRole('list', { name: 'Latest' }).getByRole('button');
  const entry = (operation: number) => new RegExp(`^Show playPrompt ${short(operation)}, running, on Call ${CALL.slice(0, 8)}, at \\d{2}:\\d{2}:\\d{2}\\.\\d{3}$`);
  const newer = console.timeline.getByRole('button', { name: /^Show \d+ newer operations?$/ });
  await expect(console.lanes.first()).toContainText(short(30));
  await expect(latest.first()).toHaveAccessibleName(entry(30));

  // A stream: the cards stop moving, the new ones wait under the button, the strip names the newest.
  // (However the relay batches them, 20 new operations at once start a hold: what comes next is held.)
  await burst(31, 50);
  await expect(latest.first()).toHaveAccessibleName(entry(50));
  await burst(51, 60);
  await expect(latest.first()).toHaveAccessibleName(entry(60));
  await expect(newer).toBeVisible();
  await expect(card(60)).toHaveCount(0);
  const heldFirst = await console.lanes.first().getByRole('heading').textContent();
  // Asked for, they are shown, newest first, and the focus goes to the list (the button is gone).
  await newer.click();
  await expect(console.lanes.first()).toContainText(short(60));
  await expect(newer).toBeHidden();
  await expect(console.timeline.getByRole('list', { name: 'Operations' })).toBeFocused();
  expect(heldFirst).not.toContain(short(60));

  // Another stream, with the button in the keyboard's focus: the hold stays after the stream has stopped.
  await burst(61, 70);
  await expect(latest.first()).toHaveAccessibleName(entry(70));
  await burst(71, 80);
  await expect(latest.first()).toHaveAccessibleName(entry(80));
  await newer.focus();
  await page.waitForTimeout(2_000);
  await expect(newer).toBeFocused();
  await expect(card(80)).toHaveCount(0);
  // Choosing a Latest entry further down the list shows that operation's card and moves the focus to it.
  await latest.filter({ hasText: short(78) }).click();
  await expect(card(78)).toBeFocused();
  await expect(card(78)).toBeInViewport();
  await expect(newer).toBeHidden();

  // A stream's hold ends by itself once it stops.
  await page.evaluate(() => window.scrollTo(0, 0));
  await burst(81, 90);
  await expect(latest.first()).toHaveAccessibleName(entry(90));
  await burst(91, 100);
  await expect(newer).toBeVisible();
  await expect(latest.first()).toHaveAccessibleName(entry(100));
  await expect(console.lanes.first()).toContainText(short(100));
  await expect(newer).toBeHidden();
});

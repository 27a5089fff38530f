/**
 * Follow live with calls taking turns, in live mode: the chart shows the newest operation's row as it
 * opens, then follows a call's new rows near the view without jumping from call to call; the Latest
 * strip names the newest operations wherever they are, and choosing one shows its row and details.
 * This spec runs its own console (its history is the spec's alone) and plays Graph, signing each notification.
 */
import { expect, test } from '../fixtures';
import { ownConsoleForSpec } from './graph-notifications';

const consoleProcess = ownConsoleForSpec(test);

const FIRST_CALL = 'a1110000-0000-4000-8000-000000000f01';
const SECOND_CALL = 'b2220000-0000-4000-8000-000000000f02';
/** Per call: far more rows than the chart shows, so one call's newest row is screens away from the other's. */
const OPERATIONS = 40;
/** Operation n of a call: its short id (the first 8 digits) is the call's first two and n, so every bar's name differs. */
const operationId = (call: string, operation: number) => `${call.slice(0, 2)}${String(operation).padStart(6, '0')}-0000-4000-9000-000000000000`;
const short = (id: string) => id.slice(0, 8);

async function notify(call: string, operation: number, status: 'running' | 'completed'): Promise<void> {
  const id = operationId(call, operation);
  const body = {
    value: [
      {
        '@odata.type': '#microsoft.graph.commsNotification',
        changeType: status === 'running' ? 'created' : 'deleted',
        resourceUrl: `/communications/calls/${call}/operations/${id}`,
        resourceData: { '@odata.type': '#microsoft.graph.playPromptOperation', id, clientContext: `follow-${operation}`, status },
      },
    ],
  };
  const answer = await consoleProcess.post(body);
  expect(answer.status, answer.text).toBe(202);
}

test('Follow live does not jump from call to call: the Latest strip names the newest, and shows its row on request', async ({ page, live: console }) => {
  for (const call of [FIRST_CALL, SECOND_CALL]) {
    for (let operation = 1; operation <= OPERATIONS; operation += 1) {
      await notify(call, operation, 'running');
      await notify(call, operation, 'completed');
    }
  }
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(`http://127.0.0.1:${consoleProcess.port}/`);
  await expect(console.relayStatus).toHaveText('Connected');
  await console.chooseMode('Live');

  const bar = (call: string, operation: number) => console.swimlanes.getByRole('button', { name: new RegExp(`^playPrompt ${short(operationId(call, operation))}, `) });
  const latest = console.swimlanes.getByRole('list', { name: 'Latest' }).getByRole('button');
  const entry = (call: string, operation: number, status: string) =>
    new RegExp(`^Show playPrompt ${short(operationId(call, operation))}, ${status}, on Call ${short(call)}, at \\d+\\.\\d s$`);
  const follow = console.swimlanes.getByRole('button', { name: 'Follow live' });

  // Opening, the chart shows the newest operation: the second call's last.
  await expect(follow).toHaveAttribute('aria-pressed', 'true');
  await expect(latest.first()).toHaveAccessibleName(entry(SECOND_CALL, OPERATIONS, 'finished'));
  await expect(bar(SECOND_CALL, OPERATIONS)).toBeInViewport();

  // The first call starts an operation, screens above: the strip names it, the chart stays where it is.
  await notify(FIRST_CALL, OPERATIONS + 1, 'running');
  await expect(latest.first()).toHaveAccessibleName(entry(FIRST_CALL, OPERATIONS + 1, 'running'));
  await expect(latest.nth(1)).toHaveAccessibleName(entry(SECOND_CALL, OPERATIONS, 'finished'));
  await expect(bar(SECOND_CALL, OPERATIONS)).toBeInViewport();
  await expect(bar(FIRST_CALL, OPERATIONS + 1)).not.toBeInViewport();

  // The call in view starts one: its row is just below the view, and the chart follows it there.
  await notify(SECOND_CALL, OPERATIONS + 1, 'running');
  await expect(latest.first()).toHaveAccessibleName(entry(SECOND_CALL, OPERATIONS + 1, 'running'));
  await expect(bar(SECOND_CALL, OPERATIONS + 1)).toBeInViewport();
  await expect(follow).toHaveAttribute('aria-pressed', 'true');

  // Choosing the first call's entry shows its row and opens its details; following stops, the focus stays.
  const chosen = latest.filter({ hasText: short(operationId(FIRST_CALL, OPERATIONS + 1)) });
  await chosen.click();
  await expect(follow).toHaveAttribute('aria-pressed', 'false');
  await expect(bar(FIRST_CALL, OPERATIONS + 1)).toBeInViewport();
  await expect(bar(FIRST_CALL, OPERATIONS + 1)).toHaveAttribute('aria-expanded', 'true');
  await expect(console.timeline.getByRole('region', { name: 'Operation details' }).getByRole('heading', { level: 3 }).filter({ hasText: 'playPrompt' })).toContainText(short(operationId(FIRST_CALL, OPERATIONS + 1)));
  await expect(chosen).toBeFocused();
  // Held while it has the focus: a new operation (counted by the filter bar) does not slide another entry under it.
  const operations = OPERATIONS * 2 + 2;
  await expect(console.timeline.getByText(`${operations} operations.`, { exact: true })).toBeVisible();
  await notify(SECOND_CALL, OPERATIONS + 2, 'running');
  await expect(console.timeline.getByText(`${operations + 1} operations.`, { exact: true })).toBeVisible();
  await expect(chosen).toBeFocused();
  await expect(latest.first()).toHaveAccessibleName(entry(SECOND_CALL, OPERATIONS + 1, 'running'));
  // Once the focus leaves it, it catches up.
  await console.swimlanes.getByRole('group', { name: /^Swimlanes chart/ }).focus();
  await expect(latest.first()).toHaveAccessibleName(entry(SECOND_CALL, OPERATIONS + 2, 'running'));
});

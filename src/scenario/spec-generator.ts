/**
 * A scenario as a Playwright spec: the plan (spec-plan.ts) written out as code
 * that drives the console in mock mode by role and accessible name, and checks
 * the timeline it ends with. The spec stands alone: it imports only
 * @playwright/test, so it can be dropped into any Playwright project that
 * points at a Comms Console.
 */
import type { AnswerWait, PlannedAction, PlannedLane, SpecPlan } from './spec-plan';
import { planSpec } from './spec-plan';
import { SCENARIO_FORMAT, SCENARIO_VERSION, type Scenario } from './schema';

export { SpecGenerationError } from './spec-plan';

export interface SpecOptions {
  /** Where the scenario came from, for the header comment (a file name). */
  source?: string;
}

/** Room for the console to load, the relay to connect, and Playwright's own work, beyond the scenario's length. */
const TEST_MARGIN_MS = 60_000;
/** How long past the scenario's last step the final checks wait for it. */
const SETTLE_MARGIN_MS = 10_000;

const HELPERS = {
  chooseCall: String.raw`/** Picks a call in the "Call" combobox by its label (the option reads "<label> — <state>…"). */
async function chooseCall(page: Page, label: string): Promise<void> {
  await page.getByRole('combobox', { name: 'Call' }).click();
  const escaped = label.replace(/[.*+?^$(){}|[\]\\]/g, '\\$&');
  await page.getByRole('option', { name: new RegExp('^' + escaped + ' — ') }).click();
}`,
  lane: String.raw`/** The timeline lanes of the operations with this clientContext, newest first. */
function lanes(page: Page, clientContext: string): Locator {
  return page
    .getByRole('region', { name: 'Operation timeline' })
    .getByRole('listitem')
    .filter({ has: page.locator('h3') })
    .filter({ has: page.getByText(clientContext, { exact: true }) });
}`,
  reach: String.raw`/** Waits until t ms after the scenario's first step, keeping the scenario's timing. */
async function reach(page: Page, start: number, t: number): Promise<void> {
  const wait = start + t - Date.now();
  if (wait > 0) await page.waitForTimeout(wait);
}`,
};

/** A single-quoted TypeScript string literal. */
const str = (text: string) => `'${JSON.stringify(text).slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'")}'`;
const regexSource = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

export function generateSpec(scenario: Scenario, options: SpecOptions = {}): string {
  const plan = planSpec(scenario);
  const usesLanes = plan.lanes.some((lane) => lane.clientContext !== undefined) || plan.actions.some((action) => 'lane' in action.waitFor);
  const settleTimeout = plan.settle + SETTLE_MARGIN_MS;

  const body: string[] = [
    `test.setTimeout(${plan.duration + TEST_MARGIN_MS});`,
    `await page.goto('/');`,
    `await expect(page.getByRole('radiogroup', { name: 'Mode' }).getByRole('radio', { name: 'Mock' })).toBeChecked();`,
    `await expect(page.getByRole('status').filter({ hasText: /^(Connected|Reconnecting…|Disconnected)$/ })).toHaveText('Connected');`,
    // The checks read the List view's cards (the timeline opens in Swimlanes).
    `await page.getByRole('radiogroup', { name: 'Timeline view' }).getByRole('radio', { name: 'List' }).check();`,
    `const timeline = page.getByRole('region', { name: 'Operation timeline' });`,
    ...(plan.actions.some((action) => 'response' in action.waitFor) ? [`const response = page.getByRole('region', { name: 'Response' });`] : []),
    `const start = Date.now();`,
  ];
  let chosenCall: string | undefined;
  for (const action of plan.actions) {
    body.push('', `// Step ${action.step} of ${scenario.steps.length} (t = ${action.t} ms): ${describeAction(action)}`, `await reach(page, start, ${action.t});`);
    if (action.callLabel !== chosenCall) body.push(`await chooseCall(page, ${str(action.callLabel)});`);
    chosenCall = action.callLabel;
    body.push(...actionLines(action), ...waitLines(action.waitFor));
  }

  body.push('', `// The timeline ends as the scenario's did${plan.settle > 0 ? `, ${plan.settle} ms after the last action` : ''}.`);
  body.push(`await expect(timeline.getByRole('list', { name: 'Operations' }).locator(':scope > li')).toHaveCount(${plan.lanes.length}, { timeout: ${settleTimeout} });`);
  for (const lane of plan.lanes) body.push(...laneLines(lane, settleTimeout));
  const rejectedTexts = new Set(plan.rejected.flatMap((rejected) => [rejected.statusLine, ...(rejected.code ? [rejected.code] : [])]));
  if (rejectedTexts.size > 0) body.push(`await expect(timeline).toContainText('Rejected requests');`);
  for (const text of rejectedTexts) body.push(`await expect(timeline).toContainText(${str(text)});`);

  const helpers = [HELPERS.chooseCall, ...(usesLanes ? [HELPERS.lane] : []), HELPERS.reach];
  return [
    ...header(scenario, plan, options),
    `import { expect, test, type ${usesLanes ? 'Locator, type ' : ''}Page } from '@playwright/test';`,
    '',
    helpers.join('\n\n'),
    '',
    `test(${str(`scenario: ${plan.name}`)}, async ({ page }) => {`,
    ...body.map((line) => (line === '' ? '' : `  ${line}`)),
    '});',
    '',
  ].join('\n');
}

function header(scenario: Scenario, plan: SpecPlan, options: SpecOptions): string[] {
  const seconds = Math.ceil(plan.duration / 1000);
  return [
    `// Generated by Comms Console from the scenario ${str(scenario.name)}`,
    `// (${SCENARIO_FORMAT}, version ${SCENARIO_VERSION}${options.source ? `, ${options.source}` : ''}). Do not edit: regenerate it with`,
    `//   npm run scenario:spec -- <scenario file> -o <this file>`,
    '//',
    `// It drives the console in MOCK mode through the scenario's ${plan.actions.length} actions as a user would, by role and`,
    `// accessible name, keeping the scenario's timing, then checks that the operation timeline ends as the`,
    `// scenario's did: each lane's operation type, clientContext, final status and resultInfo, and what each cancel ended.`,
    '//',
    '// It needs:',
    `// - the Comms Console at Playwright's baseURL, in mock mode (a fresh browser's default);`,
    `// - the seeded demo calls, matched by label, not by id: ${plan.callLabels.map(str).join(', ')};`,
    `// - a fresh browser context (Playwright's default per test): the calls start as seeded, the timeline empty;`,
    `// - about ${seconds} s for the scenario itself.`,
  ];
}

function describeAction(action: PlannedAction): string {
  if (action.kind === 'media') return `${action.button} on ${str(action.callLabel)}, which queues ${str(action.clientContext)}.`;
  const all = action.all === undefined ? '' : `, all ${action.all ? 'on' : 'off'}`;
  return `cancel on ${str(action.callLabel)} with ${action.profileLabel}${all}, clientContext ${str(action.clientContext)}.`;
}

function actionLines(action: PlannedAction): string[] {
  if (action.kind === 'media') return [`await page.getByRole('button', { name: ${str(action.button)} }).click();`];
  const lines = [`await page.getByRole('combobox', { name: 'API version' }).selectOption({ label: ${str(action.profileLabel)} });`];
  if (action.pathForm) lines.push(`await page.getByRole('combobox', { name: 'Path form' }).selectOption(${str(action.pathForm)});`);
  if (action.all !== undefined) lines.push(`await page.getByRole('checkbox', { name: 'all' }).setChecked(${action.all});`);
  lines.push(`await page.getByRole('textbox', { name: 'clientContext' }).fill(${str(action.clientContext)});`);
  lines.push(`await page.getByRole('button', { name: 'Send' }).click();`);
  return lines;
}

function waitLines(wait: AnswerWait): string[] {
  if ('lane' in wait) {
    return wait.count === 1
      ? [`await expect(lanes(page, ${str(wait.lane)})).toBeVisible();`]
      : [`await expect(lanes(page, ${str(wait.lane)})).toHaveCount(${wait.count});`];
  }
  if ('response' in wait) return [`await expect(response).toContainText(${str(wait.response)});`];
  if ('alert' in wait) return [`await expect(page.getByRole('alert').filter({ hasText: ${str(wait.alert)} })).toBeVisible();`];
  return [];
}

function laneLines(lane: PlannedLane, timeout: number): string[] {
  if (lane.clientContext === undefined) return [`// A ${lane.type} lane with no clientContext: counted above, nothing to find it by.`];
  const heading = `/^${regexSource(lane.type)} \\S+ ${regexSource(lane.status)}$/`;
  const lines = [
    `const lane = lanes(page, ${str(lane.clientContext)})${lane.nth > 0 ? `.nth(${lane.nth})` : '.first()'};`,
    `await expect(lane.getByRole('heading')).toHaveText(${heading}, { timeout: ${timeout} });`,
  ];
  if (lane.resultInfo) {
    lines.push(`await expect(lane.getByRole('listitem').last()).toContainText(${str(`${lane.resultInfo.code}/${lane.resultInfo.subcode ?? 0}`)});`);
    if (lane.resultInfo.message) lines.push(`await expect(lane.getByRole('listitem').last()).toContainText(${str(lane.resultInfo.message)});`);
  }
  if (lane.completionReason) lines.push(`await expect(lane.getByRole('listitem').last()).toContainText(${str(`completionReason ${lane.completionReason}`)});`);
  lines.push(lane.cancelled ? `await expect(lane).toContainText('Cancelled by the cancel sent at');` : `await expect(lane).not.toContainText('Cancelled by');`);
  if (lane.ended.length + lane.endedUnnamed > 0) lines.push(`await expect(lane.getByRole('link')).toHaveCount(${lane.ended.length + lane.endedUnnamed});`);
  if (lane.ended.length > 0) {
    // Each link points at the lane of what the cancel ended, by the lane's element id.
    lines.push(
      `for (const ended of [${lane.ended.map(str).join(', ')}]) {`,
      `  const id = await lanes(page, ended).first().getAttribute('id');`,
      `  await expect(lane.locator(\`a[href="#\${id}"]\`)).toHaveCount(1);`,
      '}',
    );
  }
  const what = lane.cancelled ? 'cancelled' : lane.ended.length + lane.endedUnnamed > 0 ? `ended ${lane.ended.length + lane.endedUnnamed}` : lane.status;
  return [`{`, `  // ${lane.type} ${str(lane.clientContext)}: ${what}.`, ...lines.map((line) => `  ${line}`), '}'];
}

/**
 * A scenario as a Playwright spec: the plan (spec-plan.ts) written out as code
 * that drives the console in mock mode by role and accessible name, and checks
 * every answer, every state between actions, and the timeline it ends with.
 * The spec stands alone: it imports only @playwright/test, so it can be
 * dropped into any Playwright project that points at a Comms Console.
 *
 * A scenario file is someone else's data: every value from it reaches the code
 * only as a string literal (`literal`) or, in a comment, flattened to one line
 * (`commentText`). Numbers come from the validated schema; every other word is
 * the generator's own.
 */
import type { LaneState, PlannedAction, PlannedAnswer, PlannedOperation, SpecPlan } from './spec-plan';
import { planSpec } from './spec-plan';
import { SCENARIO_FORMAT, SCENARIO_VERSION, type Scenario } from './schema';

export { SpecGenerationError } from './spec-plan';

export interface SpecOptions {
  /** Where the scenario came from, for the header comment (a file name). */
  source?: string;
  /**
   * 'state' (the default): act as soon as the console shows what the scenario had seen.
   * 'recorded': also keep the scenario's pauses, for demos.
   */
  timing?: 'state' | 'recorded';
}

/** Room for the console to load, the relay to connect, and Playwright's own work, beyond the scenario's length. */
const TEST_MARGIN_MS = 60_000;
/** Per operation checked: a search and a few assertions. */
const PER_OPERATION_MS = 2_000;

/** A TypeScript string literal holding exactly `text`: JSON's escaping, plus the line separators JSON leaves raw. */
export function literal(text: string): string {
  return JSON.stringify(text).replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** Text that cannot leave a comment: one line, no comment end, no control or bidirectional-override characters, at most `max` characters. */
export function commentText(text: string, max = 80): string {
  const flat = text
    // eslint-disable-next-line no-control-regex -- control characters are exactly what must not reach a comment
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, ' ')
    .replace(/\*\//g, '* /')
    .replace(/\s+/g, ' ')
    .trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** A value quoted for a comment. */
const quoted = (text: string) => `"${commentText(text)}"`;

/** The spec's helpers, by name; a spec holds only those it uses (strict TypeScript refuses unused ones). */
const HELPERS: Record<string, string> = {
  MARGIN_MS: String.raw`/** How much longer than the scenario the console may take to reach each state. */
const MARGIN_MS = 5_000;`,
  chooseCall: String.raw`/** Picks a call in the "Call" combobox by its label (the option reads "<label> — <state>…"). */
async function chooseCall(page: Page, label: string): Promise<void> {
  await page.getByRole('combobox', { name: 'Call' }).click();
  await page.getByRole('option', { name: new RegExp('^' + escapeRegExp(label) + ' — ') }).click();
}`,
  escapeRegExp: String.raw`function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^$(){}|[\]\\/]/g, '\\$&');
}`,
  queueMedia: String.raw`/** Clicks a mock media button and returns the id of the operation the console says it queued. */
async function queueMedia(page: Page, button: string, clientContext: string): Promise<string> {
  await page.getByRole('button', { name: button, exact: true }).click();
  const queued = page.getByRole('region', { name: 'Queue media (mock)' }).getByText(': ' + clientContext + ', operation ');
  await expect(queued).toBeVisible();
  const id = / operation (\S+)\.$/.exec(((await queued.textContent()) ?? '').trim())?.[1];
  expect(id, 'the console names the operation it queued').toBeTruthy();
  return id ?? '';
}`,
  send: String.raw`/** Sends the cancel as the form stands, and waits for Graph's answer to replace the one before it. */
async function send(page: Page): Promise<Locator> {
  const response = page.getByRole('region', { name: 'Response' });
  const before = await response.textContent();
  await page.getByRole('button', { name: 'Send' }).click();
  await expect.poll(() => response.textContent()).not.toBe(before);
  await expect(response).toHaveAttribute('aria-busy', 'false');
  return response;
}`,
  expectAnswer: String.raw`/** The answer's status line ("202 Accepted · POST …") and, for a refusal, Graph's error code. */
async function expectAnswer(response: Locator, statusLine: string, code?: string): Promise<void> {
  await expect(response).toContainText(statusLine + ' · POST');
  if (code !== undefined) await expect(response).toContainText('Code: ' + code);
}`,
  operationFromLocation: String.raw`/** The operation named by the answer's Location header. */
async function operationFromLocation(response: Locator): Promise<string> {
  const location = response.getByRole('definition').filter({ hasText: /\/operations\/[^/\s]+$/ });
  await expect(location, 'the answer has a Location header naming the operation').toHaveCount(1);
  return ((await location.textContent()) ?? '').trim().split('/').pop() ?? '';
}`,
  operationFromBody: String.raw`/** The operation in the answer's body. */
async function operationFromBody(response: Locator): Promise<string> {
  const id = /"id":\s*"([^"]+)"/.exec((await response.getByRole('group').textContent()) ?? '')?.[1];
  expect(id, 'the answer names the operation it made').toBeTruthy();
  return id ?? '';
}`,
  lane: String.raw`/**
 * The one lane the timeline shows for a search in its own filter: id:<operation id>, or a clientContext
 * as the payloads spell it. Found at any timeline length: the filter looks at every operation, not only those in the page.
 */
async function lane(page: Page, search: string, timeout: number, total?: number): Promise<Locator> {
  const timeline = page.getByRole('region', { name: 'Operation timeline' });
  const box = timeline.getByRole('searchbox', { name: 'Search payloads' });
  await expect(box).toBeVisible({ timeout });
  await box.fill(search);
  const shown = new RegExp('\\bShowing 1 of ' + (total === undefined ? '\\d+' : String(total)) + ' operations\\.');
  await expect(timeline.getByText(shown)).toBeVisible({ timeout });
  return timeline.getByRole('list', { name: 'Operations' }).getByRole('listitem').first();
}`,
  byId: String.raw`const byId = (id: string) => 'id:' + id;`,
  byClientContext: String.raw`/** A clientContext as the payloads spell it (the search ignores case). */
const byClientContext = (clientContext: string) => '"clientcontext":' + JSON.stringify(clientContext);`,
  expectStatus: String.raw`/** Waits for a lane's heading to read "<type> <id> <status>". */
async function expectStatus(page: Page, search: string, type: string, status: string, timeout: number, total?: number): Promise<Locator> {
  const found = await lane(page, search, timeout, total);
  await expect(found.getByRole('heading')).toHaveText(new RegExp('^' + escapeRegExp(type) + ' \\S+ ' + escapeRegExp(status) + '$'), { timeout });
  return found;
}`,
  endedIds: String.raw`/** The ids of the operations a cancel's lane says it ended. */
async function endedIds(found: Locator): Promise<string[]> {
  const hrefs = await found.getByRole('link').evaluateAll((links) => links.map((link) => link.getAttribute('href') ?? ''));
  return hrefs.map((href) => href.replace(/^#lane-/, '')).sort();
}`,
  reach: String.raw`/** Waits until t ms after the scenario's first step, keeping the scenario's timing. */
async function reach(page: Page, start: number, t: number): Promise<void> {
  const wait = start + t - Date.now();
  if (wait > 0) await page.waitForTimeout(wait);
}`,
  expectEnded: String.raw`/** A cancel ended exactly these operations, and withoutId more that no action of the spec made. */
async function expectEnded(page: Page, cancelId: string, ended: string[], withoutId: number, timeout: number): Promise<void> {
  const found = await lane(page, byId(cancelId), timeout);
  await expect.poll(() => endedIds(found), { timeout }).toHaveLength(ended.length + withoutId);
  const ids = await endedIds(found);
  if (withoutId === 0) expect(ids).toEqual([...ended].sort());
  else expect(ids).toEqual(expect.arrayContaining(ended));
}`,
};

export function generateSpec(scenario: Scenario, options: SpecOptions = {}): string {
  const plan = planSpec(scenario);
  const recorded = options.timing === 'recorded';
  const searchOf = (number: number): string | undefined => {
    const operation = plan.operations[number - 1];
    if (!operation) return undefined;
    if (operation.find.by === 'id') return `byId(op[${number}])`;
    if (operation.find.by === 'clientContext') return `byClientContext(${literal(operation.find.clientContext)})`;
    return undefined;
  };
  const typeOf = (number: number) => plan.operations[number - 1]?.type ?? 'operation';

  const body: string[] = [
    `test.setTimeout(${plan.duration + TEST_MARGIN_MS + PER_OPERATION_MS * (plan.operations.length + plan.actions.length)});`,
    `await page.goto('/');`,
    `await expect(page.getByRole('radiogroup', { name: 'Mode' }).getByRole('radio', { name: 'Mock' })).toBeChecked();`,
    `await expect(page.getByRole('status').filter({ hasText: /^(Connected|Reconnecting…|Disconnected)$/ })).toHaveText('Connected');`,
    // The checks read the List view's cards (the timeline opens in Swimlanes).
    `await page.getByRole('radiogroup', { name: 'Timeline view' }).getByRole('radio', { name: 'List' }).check();`,
    ...(recorded ? [`const start = Date.now();`] : []),
  ];
  let chosenCall: string | undefined;
  for (const action of plan.actions) {
    body.push('', `// Step ${action.step} of ${scenario.steps.length} (t = ${action.t} ms): ${describeAction(action)}`);
    body.push(...stateLines(action.before, recorded ? 'MARGIN_MS' : `${action.beforeWithin} + MARGIN_MS`, searchOf, typeOf));
    if (recorded) body.push(`await reach(page, start, ${action.t});`);
    if (action.callLabel !== chosenCall) body.push(`await chooseCall(page, ${literal(action.callLabel)});`);
    chosenCall = action.callLabel;
    const lines = [...actionLines(action), ...endsLines(action, searchOf)];
    // A cancel's lines go in a block of their own, so each answer's `response` has its own scope.
    body.push(...(action.kind === 'cancel' ? ['{', ...lines.map((line) => `  ${line}`), '}'] : lines));
  }

  const settle = `${plan.settle} + MARGIN_MS`;
  body.push('', `// The timeline ends as the scenario's did${plan.settle > 0 ? `, ${plan.settle} ms after the last action` : ''}: ${plan.operations.length} operations.`);
  for (const operation of plan.operations) body.push(...finalLines(operation, plan, settle, searchOf));
  if (plan.operations.length > 0) body.push(`await page.getByRole('searchbox', { name: 'Search payloads' }).fill('');`);
  const timeline = `page.getByRole('region', { name: 'Operation timeline' })`;
  if (plan.operations.length > 0) body.push(`await expect(${timeline}.getByText(/\\b${plan.operations.length} operations\\./)).toBeVisible();`);
  const rejectedTexts = new Set(plan.rejected.flatMap((rejected) => [rejected.statusLine, ...(rejected.code ? [rejected.code] : [])]));
  if (rejectedTexts.size > 0) body.push(`await expect(${timeline}).toContainText('Rejected requests');`);
  for (const text of rejectedTexts) body.push(`await expect(${timeline}).toContainText(${literal(text)});`);

  const learnsIds = body.some((line) => line.includes('op['));
  const opLines = learnsIds ? [`// The console's id of each operation, learnt from the answer that made it: op[3] is the scenario's operation 3.`, `const op: string[] = [];`] : [];
  body.splice(body.indexOf(`await expect(page.getByRole('status').filter({ hasText: /^(Connected|Reconnecting…|Disconnected)$/ })).toHaveText('Connected');`) + 1, 0, ...opLines);
  return [
    ...header(scenario, plan, options),
    `import { expect, test, type Locator, type Page } from '@playwright/test';`,
    '',
    helpersFor(body.join('\n')),
    '',
    `test(${literal(`scenario: ${plan.name}`)}, async ({ page }) => {`,
    ...body.map((line) => (line === '' ? '' : `  ${line}`)),
    '});',
    '',
  ].join('\n');
}

/** The helpers the test body calls, and those they call, in HELPERS' order. */
function helpersFor(code: string): string {
  const used = new Set<string>();
  // Comments name helpers in passing, and a scenario's strings may spell a name: only code counts.
  const codeOf = (text: string) =>
    text
      .replace(/\/\*\*[\s\S]*?\*\//g, '')
      .replace(/^\s*\/\/.*$/gm, '')
      .replace(/"(?:[^"\\\n]|\\.)*"/g, '""');
  const uses = (text: string, name: string) => new RegExp(`\\b${name}\\b`).test(codeOf(text));
  for (let added = true; added; ) {
    added = false;
    for (const name of Object.keys(HELPERS)) {
      if (used.has(name)) continue;
      if (uses(code, name) || [...used].some((other) => uses(HELPERS[other] ?? '', name))) {
        used.add(name);
        added = true;
      }
    }
  }
  return Object.entries(HELPERS)
    .filter(([name]) => used.has(name))
    .map(([, helper]) => helper)
    .join('\n\n');
}

function header(scenario: Scenario, plan: SpecPlan, options: SpecOptions): string[] {
  const seconds = Math.ceil(plan.duration / 1000);
  const source = options.source ? `, ${commentText(options.source)}` : '';
  return [
    `// Generated by Comms Console from the scenario ${quoted(scenario.name)}`,
    `// (${SCENARIO_FORMAT}, version ${SCENARIO_VERSION}${source}). Do not edit: regenerate it with`,
    `//   npm run scenario:spec -- <scenario file> -o <this file>${options.timing === 'recorded' ? ' --recorded-timing' : ''}`,
    '//',
    `// It drives the console in MOCK mode through the scenario's ${plan.actions.length} actions as a user would, by role and`,
    `// accessible name, and checks what a reviewer of the cancel would: each answer (status, the Location of`,
    `// the operation it made, the error code of a refusal); before each action, that the console reached the`,
    `// state the scenario had (${options.timing === 'recorded' ? 'and the recorded pause has passed' : 'it does not replay the recorded pauses'}); exactly which operations each cancel`,
    `// ended and which it left running; and how every operation ends (type, status, resultInfo).`,
    `// Operations are found by the ids the console gives them, through the timeline's own search, at any length.`,
    '//',
    '// It needs:',
    `// - the Comms Console at Playwright's baseURL, in mock mode (a fresh browser's default);`,
    `// - the seeded demo calls, matched by label, not by id: ${plan.callLabels.map(quoted).join(', ')};`,
    `// - a fresh browser context (Playwright's default per test): the calls start as seeded, the timeline empty;`,
    `// - about ${seconds} s for the scenario itself${options.timing === 'recorded' ? '' : ' at most (less when the console is quicker)'}.`,
    ...(plan.warnings.length > 0 ? ['//', '// Not checked:', ...plan.warnings.map((warning) => `// - ${commentText(warning, 200)}`)] : []),
  ];
}

function describeAction(action: PlannedAction): string {
  if (action.kind === 'media') return `${action.button} on ${quoted(action.callLabel)}, which queues ${quoted(action.clientContext)}.`;
  const all = action.all === undefined ? '' : `, all ${action.all ? 'on' : 'off'}`;
  const context = action.clientContext === '' ? 'no clientContext' : `clientContext ${quoted(action.clientContext)}`;
  return `cancel on ${quoted(action.callLabel)} with ${action.profileLabel}${all}, ${context}.`;
}

function stateLines(states: readonly LaneState[], timeout: string, searchOf: (number: number) => string | undefined, typeOf: (number: number) => string): string[] {
  return states.flatMap((state) => {
    const search = searchOf(state.operation);
    if (!search) return [];
    return [`await expectStatus(page, ${search}, ${literal(typeOf(state.operation))}, ${literal(state.status)}, ${timeout});`];
  });
}

function actionLines(action: PlannedAction): string[] {
  if (action.kind === 'media') {
    if (action.answer.kind === 'refused') {
      return [
        `await page.getByRole('button', { name: ${literal(action.button)}, exact: true }).click();`,
        `await expect(page.getByRole('alert').filter({ hasText: 'Could not queue media' })).toBeVisible();`,
      ];
    }
    const operation = action.answer.kind === 'accepted' ? action.answer.operation : undefined;
    const queue = `await queueMedia(page, ${literal(action.button)}, ${literal(action.clientContext)});`;
    return [operation === undefined ? queue : `op[${operation}] = ${queue}`];
  }
  const lines = [`await page.getByRole('combobox', { name: 'API version' }).selectOption({ label: ${literal(action.profileLabel)} });`];
  if (action.pathForm) lines.push(`await page.getByRole('combobox', { name: 'Path form' }).selectOption(${literal(action.pathForm)});`);
  if (action.all !== undefined) lines.push(`await page.getByRole('checkbox', { name: 'all' }).setChecked(${action.all});`);
  lines.push(`await page.getByRole('textbox', { name: 'clientContext' }).fill(${literal(action.clientContext)});`);
  return [...lines, ...answerLines(action.answer)];
}

function answerLines(answer: PlannedAnswer): string[] {
  if (answer.kind === 'none') return [`await page.getByRole('button', { name: 'Send' }).click();`];
  const code = answer.kind === 'refused' && answer.code !== undefined ? `, ${literal(answer.code)}` : '';
  const lines = [`const response = await send(page);`, `await expectAnswer(response, ${literal(answer.statusLine)}${code});`];
  if (answer.kind === 'accepted' && answer.operation !== undefined) {
    lines.push(`op[${answer.operation}] = await ${answer.fromLocation ? 'operationFromLocation' : 'operationFromBody'}(response);`);
  }
  return lines;
}

function endsLines(action: PlannedAction, searchOf: (number: number) => string | undefined): string[] {
  if (action.kind !== 'cancel' || !action.ends || action.answer.kind !== 'accepted' || action.answer.operation === undefined) return [];
  const { ended, endedWithoutId, leftRunning, within } = action.ends;
  const lines = [`await expectEnded(page, op[${action.answer.operation}], [${ended.map((number) => `op[${number}]`).join(', ')}], ${endedWithoutId}, ${within} + MARGIN_MS);`];
  for (const number of leftRunning) {
    const search = searchOf(number);
    if (search) lines.push(`await expect(await lane(page, ${search}, MARGIN_MS), 'left running by this cancel').not.toContainText('Cancelled by');`);
  }
  return lines;
}

function finalLines(operation: PlannedOperation, plan: SpecPlan, timeout: string, searchOf: (number: number) => string | undefined): string[] {
  const search = searchOf(operation.number);
  const context = operation.clientContext === undefined ? 'no clientContext' : quoted(operation.clientContext);
  const title = `// Operation ${operation.number}: ${commentText(operation.type, 60)}, ${context}, ends ${commentText(operation.status, 40)}.`;
  if (!search) return [`${title} Made by no step and with no clientContext of its own: only counted.`];
  const lines = [
    `const found = await expectStatus(page, ${search}, ${literal(operation.type)}, ${literal(operation.status)}, ${timeout}, ${plan.operations.length});`,
  ];
  if (operation.resultInfo) {
    lines.push(`await expect(found.getByRole('listitem').last()).toContainText(${literal(`${operation.resultInfo.code}/${operation.resultInfo.subcode ?? 0}`)});`);
    if (operation.resultInfo.message) lines.push(`await expect(found.getByRole('listitem').last()).toContainText(${literal(operation.resultInfo.message)});`);
  }
  if (operation.completionReason) lines.push(`await expect(found.getByRole('listitem').last()).toContainText(${literal(`completionReason ${operation.completionReason}`)});`);
  if (operation.cancelledBy) {
    lines.push(`await expect(found).toContainText('Cancelled by the cancel sent at');`);
    const cancel = operation.cancelledBy.operation;
    if (operation.cancelledBy.linked && cancel !== undefined && plan.operations[cancel - 1]?.find.by === 'id') {
      lines.push(`await expect(found.getByRole('link', { name: 'cancel operation' })).toHaveAttribute('href', '#lane-' + op[${cancel}]);`);
    }
  } else {
    lines.push(`await expect(found).not.toContainText('Cancelled by');`);
  }
  if (operation.ended.length > 0) {
    const known = operation.ended.filter((number) => plan.operations[number - 1]?.find.by === 'id');
    if (operation.find.by === 'id') {
      lines.push(`await expectEnded(page, op[${operation.number}], [${known.map((number) => `op[${number}]`).join(', ')}], ${operation.ended.length - known.length}, MARGIN_MS);`);
    } else {
      lines.push(`await expect(found.getByRole('link')).toHaveCount(${operation.ended.length});`);
    }
  }
  return [title, '{', ...lines.map((line) => `  ${line}`), '}'];
}

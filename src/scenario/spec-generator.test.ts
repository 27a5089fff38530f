import { resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { BUILTIN_SCENARIOS } from './builtin';
import { recordScenario } from './builtin/record';
import type { Scenario } from './schema';
import { commentText, generateSpec, literal, SpecGenerationError } from './spec-generator';
import { at, builtin } from './test-support';

/**
 * Type-checks generated specs as if they sat in e2e/, with the repository's compiler
 * options and types (strict, @playwright/test): one program for all, as it is slow to build.
 */
function typeErrors(codes: readonly string[]): string[] {
  const config = ts.getParsedCommandLineOfConfigFile(resolve('tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined });
  if (!config) throw new Error('tsconfig.json did not parse');
  const files = new Map(codes.map((code, index) => [resolve(`e2e/__generated-under-test-${index}__.spec.ts`), code]));
  const host = ts.createCompilerHost(config.options);
  const { getSourceFile, fileExists, readFile } = host;
  host.getSourceFile = (name, language, ...rest) => {
    const code = files.get(name);
    return code === undefined ? getSourceFile.call(host, name, language, ...rest) : ts.createSourceFile(name, code, language);
  };
  host.fileExists = (name) => files.has(name) || fileExists.call(host, name);
  host.readFile = (name) => files.get(name) ?? readFile.call(host, name);
  const program = ts.createProgram([...files.keys()], { ...config.options, noEmit: true }, host);
  return ts.getPreEmitDiagnostics(program).map((diagnostic) => `${diagnostic.file?.fileName ?? ''}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`);
}

/** The lines of the test body (after the page is open), without indentation. */
const lines = (code: string) =>
  code
    .slice(code.indexOf("toHaveText('Connected');"))
    .split('\n')
    .map((line) => line.trim());

/** Graph refuses both requests: media and a cancel on the call that has ended. */
function refusedScenario(): Scenario {
  return recordScenario({
    name: 'Too late',
    description: '',
    actions: [
      { at: 0, media: 'playPrompt', call: 'Escalation (ended)' },
      { at: 500, cancel: { call: 'Escalation (ended)', profile: 'v1.0', clientContext: 'too-late' } },
    ],
    until: 600,
  });
}

/** Two prompts and a recording, a 2018 cancel with all off, then a v1.0 cancel; both cancels without a clientContext. */
function noContextScenario(): Scenario {
  return recordScenario({
    name: 'No clientContext',
    description: '',
    actions: [
      { at: 0, media: 'playPrompt', call: 'Sales follow-up' },
      { at: 500, media: 'playPrompt', call: 'Sales follow-up' },
      { at: 1_000, media: 'recordResponse', call: 'Sales follow-up' },
      { at: 2_000, cancel: { call: 'Sales follow-up', profile: 'beta-2018', all: false, clientContext: '' } },
      { at: 3_000, cancel: { call: 'Sales follow-up', profile: 'v1.0', clientContext: '' } },
    ],
    until: 3_500,
  });
}

/** A cancel on the busy demo call: it ends the seeded media, which no step of the scenario made. */
function seededScenario(): Scenario {
  return recordScenario({ name: 'Seeded', description: '', actions: [{ at: 0, cancel: { call: 'Support line', profile: 'v1.0', clientContext: '' } }], until: 100 });
}

/** Text that would be code if a generator pasted it into a comment, a template or a string. */
const HOSTILE = "x\n});\nimport('node:fs').then(f => f.writeFileSync('PWNED', 'x'));\ntest('x', async () => {\n// */ `${globalThis.pwned = 1}` \u2028 ' \" \\";

/** The top-level statements of a spec: what runs when Playwright loads it. */
function topLevel(code: string): string[] {
  const source = ts.createSourceFile('spec.ts', code, ts.ScriptTarget.Latest, true);
  return source.statements.map((statement) => {
    if (ts.isExpressionStatement(statement)) return `call ${statement.expression.getText(source).split("(")[0] ?? ""}`;
    if (ts.isImportDeclaration(statement)) return 'ImportDeclaration';
    if (ts.isFunctionDeclaration(statement)) return 'FunctionDeclaration';
    if (ts.isVariableStatement(statement)) return 'VariableStatement';
    return ts.SyntaxKind[statement.kind];
  });
}

/** How many import() calls the code makes anywhere. */
function dynamicImports(code: string): number {
  let count = 0;
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) count += 1;
    ts.forEachChild(node, visit);
  };
  visit(ts.createSourceFile('spec.ts', code, ts.ScriptTarget.Latest, true));
  return count;
}

describe('literal and commentText', () => {
  it('keep any text inert: a string literal that reads back exactly, a comment that stays one comment', () => {
    for (const text of [HOSTILE, '\u2029', '`${1}`', '*/', '\r\n']) {
      expect(JSON.parse(literal(text))).toBe(text);
      expect(literal(text)).not.toMatch(/[\n\r\u2028\u2029]/);
      expect(commentText(text)).not.toMatch(/[\n\r\u2028\u2029]|\*\//);
    }
    expect(commentText('a\u202eb')).toBe('a b');
    expect(commentText('x'.repeat(100), 10)).toBe(`${'x'.repeat(9)}…`);
  });
});

describe('generateSpec', () => {
  it('is valid, strictly typed TypeScript for every built-in scenario, without clientContexts, with seeded media, refusals and recorded timing', () => {
    const specs = [
      ...BUILTIN_SCENARIOS.map(({ scenario }) => generateSpec(scenario)),
      generateSpec(noContextScenario()),
      generateSpec(seededScenario()),
      generateSpec(refusedScenario()),
      generateSpec(builtin('legacy-current-prompt-only'), { timing: 'recorded' }),
    ];
    // A known-bad file in the same program proves the check can fail.
    const errors = typeErrors([...specs, "import { test } from '@playwright/test';\ntest('x', async ({ page }) => { await page.clickk(); });\n"]);
    expect(errors).toEqual([expect.stringMatching(/__generated-under-test-7__.*Property 'clickk' does not exist/)]);
  }, 60_000);

  it('says in its header what it needs and what it checks', () => {
    const code = generateSpec(builtin('ivr-queue-cancelled'), { source: 'ivr.json' });
    expect(code).toMatch(/^\/\/ Generated by Comms Console from the scenario "IVR prompt queue cancelled at once \(v1\.0\)"/);
    expect(code).toContain('(comms-console-scenario, version 1, ivr.json)');
    expect(code).toContain('in MOCK mode');
    expect(code).toContain('matched by label, not by id: "Sales follow-up"');
    expect(code).toContain('a fresh browser context');
    expect(code).toContain('exactly which operations each cancel');
  });

  it('drives the IVR scenario as a user would and learns each operation id from its answer', () => {
    const body = lines(generateSpec(builtin('ivr-queue-cancelled')));
    const driven = body.filter((line) => /^(await (page\.getByRole|chooseCall|reach|expectAnswer)|op\[|const response)/.test(line));
    expect(driven).toEqual([
      "await page.getByRole('radiogroup', { name: 'Timeline view' }).getByRole('radio', { name: 'List' }).check();",
      'await chooseCall(page, "Sales follow-up");',
      'op[1] = await queueMedia(page, "Play prompt", "prompt-1");',
      'op[2] = await queueMedia(page, "Play prompt", "prompt-2");',
      'op[3] = await queueMedia(page, "Play prompt", "prompt-3");',
      "await page.getByRole('combobox', { name: 'API version' }).selectOption({ label: \"v1.0\" });",
      "await page.getByRole('textbox', { name: 'clientContext' }).fill(\"caller-pressed-0\");",
      'const response = await send(page);',
      'await expectAnswer(response, "200 OK");',
      'op[4] = await operationFromLocation(response);',
      "await page.getByRole('searchbox', { name: 'Search payloads' }).fill('');",
    ]);
    // What the cancel ended, by the ids the console gave: exactly the three prompts.
    expect(body).toContain('await expectEnded(page, op[4], [op[1], op[2], op[3]], 0, 0 + MARGIN_MS);');
    // No recorded pause is replayed.
    expect(body.join('\n')).not.toMatch(/reach\(|waitForTimeout/);
  });

  it('asserts how each operation ends: type, status, resultInfo, completionReason, and which cancel ended it', () => {
    const code = generateSpec(builtin('recording-cancelled-tones-kept'));
    expect(code).toContain(`const found = await expectStatus(page, byId(op[2]), "record", "failed", 0 + MARGIN_MS, 3);
    await expect(found.getByRole('listitem').last()).toContainText("400/8508");
    await expect(found.getByRole('listitem').last()).toContainText("Action failed, the operation was cancelled.");
    await expect(found.getByRole('listitem').last()).toContainText("completionReason operationCanceled");
    await expect(found).toContainText('Cancelled by the cancel sent at');
    await expect(found.getByRole('link', { name: 'cancel operation' })).toHaveAttribute('href', '#lane-' + op[3]);`);
    expect(code).toContain(`const found = await expectStatus(page, byId(op[1]), "subscribeToTone", "completed", 0 + MARGIN_MS, 3);`);
    expect(code).toContain(`await expectEnded(page, op[3], [op[2]], 0, 0 + MARGIN_MS);`);
    expect(lines(code)).toContain("await page.getByRole('button', { name: 'Send' }).click();".replace("await page.getByRole('button', { name: 'Send' }).click();", 'const response = await send(page);'));
  });

  it('checks the 2018 form: 202 with a Location, all off, what the cancel left queued, and the queued prompt completing', () => {
    const body = lines(generateSpec(builtin('legacy-current-prompt-only')));
    expect(body).toContain('await page.getByRole(\'combobox\', { name: \'API version\' }).selectOption({ label: "beta (2018, /app)" });');
    expect(body).toContain("await page.getByRole('checkbox', { name: 'all' }).setChecked(false);");
    expect(body).toContain('await expectAnswer(response, "202 Accepted");');
    expect(body).toContain('op[3] = await operationFromLocation(response);');
    expect(body).toContain('await expectEnded(page, op[3], [op[1]], 0, 0 + MARGIN_MS);');
    expect(body).toContain("await expect(await lane(page, byId(op[2]), MARGIN_MS), 'left running by this cancel').not.toContainText('Cancelled by');");
    // The scenario's last step is the queued prompt's completion, 15 s after the cancel.
    expect(body).toContain('const found = await expectStatus(page, byId(op[2]), "playPrompt", "completed", 15000 + MARGIN_MS, 3);');
  });

  it('loses nothing when the cancels have no clientContext: each is found by its id', () => {
    const code = generateSpec(noContextScenario());
    const body = lines(code);
    expect(body).toContain("await page.getByRole('textbox', { name: 'clientContext' }).fill(\"\");");
    expect(body).toContain('await expectEnded(page, op[4], [op[1]], 0, 0 + MARGIN_MS);');
    expect(body).toContain('await expectEnded(page, op[5], [op[2], op[3]], 0, 0 + MARGIN_MS);');
    expect(body).toContain("await expect(await lane(page, byId(op[3]), MARGIN_MS), 'left running by this cancel').not.toContainText('Cancelled by');");
    // Before the second cancel, the console must have reported the first one done.
    expect(body).toContain('await expectStatus(page, byId(op[4]), "cancelMediaProcessing", "completed", 1000 + MARGIN_MS);');
    expect(code).not.toContain('Not checked');
  });

  it('finds media no step made by its clientContext, and says what it cannot check', () => {
    const code = generateSpec(seededScenario());
    expect(code).toContain('await expectEnded(page, op[1], [], 3, 0 + MARGIN_MS);');
    expect(code).toContain(`const found = await expectStatus(page, byClientContext("voicemail-recording"), "record", "failed", 0 + MARGIN_MS, 4);`);
    expect(code).toContain('byClientContext("voicemail-recording")');
    const unnamed = seededScenario();
    const text = JSON.stringify(unnamed).replaceAll('"clientContext":"welcome-prompt"', '"clientContext":""');
    const warned = generateSpec(JSON.parse(text) as Scenario);
    expect(warned).toMatch(/\/\/ Not checked:\n\/\/ - Operation \d \(playPrompt\) was made by no step of the scenario and has no clientContext of its own/);
  });

  it('keeps the recorded pauses only when asked, for demos', () => {
    const body = lines(generateSpec(builtin('ivr-queue-cancelled'), { timing: 'recorded' }));
    expect(body.filter((line) => line.startsWith('await reach('))).toEqual([
      'await reach(page, start, 0);',
      'await reach(page, start, 1000);',
      'await reach(page, start, 2000);',
      'await reach(page, start, 4000);',
    ]);
  });

  it('follows the console’s own numbering of queued media, whatever the scenario called it', () => {
    const scenario = builtin('ivr-queue-cancelled');
    const renamed = JSON.parse(JSON.stringify(scenario).replaceAll('"prompt-2"', '"prompt-9f3a"')) as Scenario;
    const code = generateSpec(renamed);
    expect(code).not.toContain('prompt-9f3a');
    expect(code).toContain('op[2] = await queueMedia(page, "Play prompt", "prompt-2");');
  });

  it('checks refusals where the console shows them: the media alert, the status and error code, the rejected requests', () => {
    const body = lines(generateSpec(refusedScenario()));
    expect(body).toContain("await expect(page.getByRole('alert').filter({ hasText: 'Could not queue media' })).toBeVisible();");
    expect(body).toContain('await expectAnswer(response, "400 Bad Request", "BadRequest");');
    expect(body.filter((line) => line.endsWith(".toContainText('Rejected requests');"))).toHaveLength(1);
    expect(body.filter((line) => line.endsWith('.toContainText("BadRequest");'))).toHaveLength(1);
  });

  it('writes every value from the scenario as inert data: the spec holds one test and runs nothing else', () => {
    const scenario = builtin('recording-cancelled-tones-kept');
    scenario.name = HOSTILE;
    at(scenario.calls, 0).label = HOSTILE;
    const text = JSON.stringify(scenario).replaceAll('"stop-recording"', JSON.stringify(HOSTILE)).replaceAll('"#microsoft.graph.recordOperation"', JSON.stringify(`#microsoft.graph.x${HOSTILE}`));
    const code = generateSpec(JSON.parse(text) as Scenario, { source: HOSTILE });
    // Imports, the helpers, one test: nothing else runs when Playwright loads the file.
    const statements = topLevel(code);
    expect(statements.filter((kind) => kind.startsWith('call'))).toEqual(['call test']);
    expect(statements.filter((kind) => !['ImportDeclaration', 'FunctionDeclaration', 'VariableStatement', 'call test'].includes(kind))).toEqual([]);
    expect(dynamicImports(code)).toBe(0);
    // The hostile text is still checked for, as data: the cancel's clientContext is typed as it was.
    expect(code).toContain(`fill(${literal(HOSTILE)});`);
    expect(typeErrors([code])).toEqual([]);
  }, 60_000);

  it('refuses, with the reason, what a user cannot do in the console', () => {
    const unlabelled = builtin('ivr-queue-cancelled');
    delete at(unlabelled.calls, 0).label;
    expect(() => generateSpec(unlabelled)).toThrow(/steps\[0\]: call .+ has no label/);

    const other = builtin('ivr-queue-cancelled');
    const first = at(other.steps, 0);
    if (first.kind === 'request') first.path = first.path.replace('playPrompt', 'transfer');
    expect(() => generateSpec(other)).toThrow(new SpecGenerationError('steps[0]: the console has no control that sends POST …/transfer; only cancelMediaProcessing and the mock media buttons can be replayed as a user.'));

    const beta = builtin('ivr-queue-cancelled');
    const media = at(beta.steps, 0);
    if (media.kind === 'request') media.path = media.path.replace('/v1.0/', '/beta/');
    expect(() => generateSpec(beta)).toThrow(/is not what the console's "Play prompt" button sends/);

    expect(() => generateSpec({ ...builtin('ivr-queue-cancelled'), steps: [] })).toThrow('nothing for a spec to do');
  });
});

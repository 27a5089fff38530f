import { describe, expect, it } from 'vitest';
import { buildSnippets, powershellQuote, shellQuote, type SnippetInput } from './snippets';

const base: SnippetInput = {
  callId: '2ae8f1c2-b38d-4633-bced-067a892491ce',
  profileId: 'v1.0',
  all: true,
  clientContext: 'demo',
  legacyForm: 'app',
};

const byLanguage = (input: SnippetInput) => Object.fromEntries(buildSnippets(input).map((snippet) => [snippet.language, snippet]));

describe('snippets', () => {
  it('puts the exact v1.0 request in every language', () => {
    const snippets = byLanguage(base);
    expect(snippets.http?.code).toContain('POST https://graph.microsoft.com/v1.0/communications/calls/2ae8f1c2-b38d-4633-bced-067a892491ce/cancelMediaProcessing');
    expect(snippets.http?.code).toContain('"clientContext": "demo"');
    expect(snippets.http?.code).not.toContain('"all"');
    expect(snippets.curl?.code).toContain(`-d '{"clientContext":"demo"}'`);
    expect(snippets.javascript?.code).toContain('.api("/communications/calls/2ae8f1c2-b38d-4633-bced-067a892491ce/cancelMediaProcessing")');
    expect(snippets.javascript?.code).toContain('.version("v1.0")');
    expect(snippets.powershell?.code).toContain("Stop-MgCommunicationCallMediaProcessing -CallId '2ae8f1c2-b38d-4633-bced-067a892491ce' -BodyParameter $params");
  });

  it('uses the beta module and cmdlet for beta', () => {
    const snippets = byLanguage({ ...base, profileId: 'beta' });
    expect(snippets.powershell?.code).toContain('Import-Module Microsoft.Graph.Beta.CloudCommunications');
    expect(snippets.powershell?.code).toContain('Stop-MgBetaCommunicationCallMediaProcessing');
    expect(snippets.javascript?.code).toContain('.version("beta")');
  });

  it('sends all only in the 2018 form, and says why PowerShell cannot', () => {
    const snippets = byLanguage({ ...base, profileId: 'beta-2018', all: false });
    expect(snippets.http?.code).toContain('https://graph.microsoft.com/beta/app/calls/');
    expect(snippets.http?.code).toContain('"all": false');
    expect(snippets.powershell?.code).toBeUndefined();
    expect(snippets.powershell?.unavailable).toContain('2018');
    const applications = byLanguage({ ...base, profileId: 'beta-2018', legacyForm: 'applications', appId: 'app-1' });
    expect(applications.curl?.code).toContain('/beta/applications/app-1/calls/');
  });

  it('escapes clientContext for each language', () => {
    const tricky = `it's "$(rm -rf /)" \`x\` \\ ${'$'}env:SECRET`;
    const snippets = byLanguage({ ...base, clientContext: tricky });
    expect(snippets.curl?.code).toContain(shellQuote(JSON.stringify({ clientContext: tricky })));
    expect(snippets.powershell?.code).toContain(`clientContext = ${powershellQuote(tricky)}`);
    const javascriptBody = /const body = ([\s\S]*?);\n/.exec(snippets.javascript?.code ?? '')?.[1];
    expect(JSON.parse(javascriptBody ?? 'null')).toEqual({ clientContext: tricky });
  });

  it('quotes shell and PowerShell strings so nothing inside is interpreted', () => {
    expect(shellQuote(`a'b`)).toBe(`'a'\\''b'`);
    expect(powershellQuote(`a'b$c`)).toBe(`'a''b$c'`);
    expect(powershellQuote('a\u2019b')).toBe("'a\u2019\u2019b'");
  });

  it('shows a placeholder when no call is chosen yet', () => {
    expect(byLanguage({ ...base, callId: '' }).http?.code).toContain('/calls/{call-id}/cancelMediaProcessing');
  });
});

/**
 * The exact request in the form, as code a developer can paste: HTTP, curl,
 * the Microsoft Graph JavaScript SDK and PowerShell. Strings are escaped for
 * each language, since clientContext is free text.
 */
import { cancelPath, PROFILES, type CancelInput, type LegacyPathForm, type ProfileId } from '../../graph/profiles';

export type SnippetLanguage = 'http' | 'curl' | 'javascript' | 'powershell';

export interface SnippetInput extends CancelInput {
  profileId: ProfileId;
  legacyForm: LegacyPathForm;
  appId?: string;
}

export interface Snippet {
  language: SnippetLanguage;
  label: string;
  code?: string;
  /** Why there is no snippet in this language for this request. */
  unavailable?: string;
}

export const PERMISSION_NOTE =
  'Needs the application permission Calls.Initiate.All or Calls.AccessMedia.All, with admin consent (app-only token; delegated tokens are not supported).';

const GRAPH_ROOT = 'https://graph.microsoft.com';
const PLACEHOLDER_CALL = '{call-id}';

function parts(input: SnippetInput) {
  const profile = PROFILES[input.profileId];
  const callId = input.callId.trim() || PLACEHOLDER_CALL;
  const path = cancelPath(profile, callId, { legacyForm: input.legacyForm, appId: input.appId ?? '{app-id}' });
  const body = profile.cancelBody({ callId, all: input.all, clientContext: input.clientContext });
  return { profile, callId, path, body, url: `${GRAPH_ROOT}${path}` };
}

/** A POSIX shell single-quoted string: nothing inside is expanded. */
export function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** A PowerShell single-quoted string: only the quote itself needs doubling. */
export function powershellQuote(text: string): string {
  return `'${text.replace(/['\u2018\u2019\u201a\u201b]/g, (quote) => quote + quote)}'`;
}

export function buildSnippets(input: SnippetInput): Snippet[] {
  const { profile, callId, path, body, url } = parts(input);
  const json = JSON.stringify(body, null, 2);
  const versionless = path.replace(/^\/(v1\.0|beta)/, '');

  const http = `POST ${url}\nAuthorization: Bearer {app-token}\nContent-Type: application/json\n\n${json}`;
  const curl = `curl -X POST ${shellQuote(url)} \\\n  -H "Authorization: Bearer $GRAPH_TOKEN" \\\n  -H 'Content-Type: application/json' \\\n  -d ${shellQuote(JSON.stringify(body))}`;
  const javascript = [
    "// @microsoft/microsoft-graph-client with an app-only (client credentials) auth provider",
    `const body = ${json};`,
    '',
    `const operation = await client`,
    `  .api(${JSON.stringify(versionless)})`,
    `  .version(${JSON.stringify(profile.version)})`,
    `  .post(body);`,
  ].join('\n');

  const powershell: Snippet =
    profile.id === 'beta-2018'
      ? {
          language: 'powershell',
          label: 'PowerShell',
          unavailable: 'The 2018 /app form (with "all") predates the Microsoft Graph PowerShell SDK: use HTTP or curl for it.',
        }
      : {
          language: 'powershell',
          label: 'PowerShell',
          code: [
            `Import-Module ${profile.version === 'beta' ? 'Microsoft.Graph.Beta.CloudCommunications' : 'Microsoft.Graph.CloudCommunications'}`,
            'Connect-MgGraph -ClientId $clientId -TenantId $tenantId -CertificateThumbprint $thumbprint',
            '',
            '$params = @{',
            `  clientContext = ${powershellQuote(input.clientContext)}`,
            '}',
            '',
            `${profile.version === 'beta' ? 'Stop-MgBetaCommunicationCallMediaProcessing' : 'Stop-MgCommunicationCallMediaProcessing'} -CallId ${powershellQuote(callId)} -BodyParameter $params`,
          ].join('\n'),
        };

  return [
    { language: 'http', label: 'HTTP', code: http },
    { language: 'curl', label: 'curl', code: curl },
    { language: 'javascript', label: 'JavaScript', code: javascript },
    powershell,
  ];
}

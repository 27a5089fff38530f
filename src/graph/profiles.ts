/**
 * The three shapes of `cancelMediaProcessing` the console can send. Each profile
 * knows its path, its request body and the answer Graph gives for it.
 */

export type ProfileId = 'v1.0' | 'beta' | 'beta-2018';

/** The 2018 beta had two spellings of the call collection. */
export type LegacyPathForm = 'app' | 'applications';

export interface CancelInput {
  callId: string;
  all: boolean;
  clientContext: string;
}

export interface ApiProfile {
  id: ProfileId;
  /** The label shown in the API version picker (a stable accessible name). */
  label: string;
  version: 'v1.0' | 'beta';
  /** Only the 2018 form had the `all` parameter. */
  supportsAll: boolean;
  /** The success status Graph answers a cancel with. */
  expectedStatus: 200 | 202;
  /** Whether the success answer carries a cancelMediaProcessingOperation body. */
  answersWithBody: boolean;
  /** Path under the Graph root, starting with the version segment. */
  callPath(callId: string, options?: PathOptions): string;
  cancelBody(input: CancelInput): Record<string, unknown>;
}

export interface PathOptions {
  legacyForm?: LegacyPathForm;
  appId?: string;
}

const current = (version: 'v1.0' | 'beta', label: string, id: ProfileId): ApiProfile => ({
  id,
  label,
  version,
  supportsAll: false,
  expectedStatus: 200,
  answersWithBody: true,
  callPath: (callId) => `/${version}/communications/calls/${callId}`,
  cancelBody: ({ clientContext }) => ({ clientContext }),
});

export const PROFILES: Record<ProfileId, ApiProfile> = {
  'v1.0': current('v1.0', 'v1.0', 'v1.0'),
  beta: current('beta', 'beta', 'beta'),
  'beta-2018': {
    id: 'beta-2018',
    label: 'beta (2018, /app)',
    version: 'beta',
    supportsAll: true,
    expectedStatus: 202,
    answersWithBody: false,
    callPath: (callId, options) =>
      options?.legacyForm === 'applications'
        ? `/beta/applications/${options.appId ?? 'unknown-app'}/calls/${callId}`
        : `/beta/app/calls/${callId}`,
    cancelBody: ({ all, clientContext }) => ({ all, clientContext }),
  },
};

export const PROFILE_IDS = Object.keys(PROFILES) as ProfileId[];

export function cancelPath(profile: ApiProfile, callId: string, options?: PathOptions): string {
  return `${profile.callPath(callId, options)}/cancelMediaProcessing`;
}

export interface ParsedGraphPath {
  version: 'v1.0' | 'beta';
  /** Which API era the path belongs to: `/app` and `/applications` paths are the 2018 beta. */
  profile: ProfileId;
  legacyForm?: LegacyPathForm;
  appId?: string;
  callId: string;
  /** What follows the call: '' for the call itself, an action name, or `operations/{id}`, `participants`. */
  rest: string[];
}

const CALL_PATH = /^\/(v1\.0|beta)\/(?:communications\/calls|app\/calls|applications\/([^/]+)\/calls)\/([^/]+)(?:\/(.*))?$/;

/** Reads a Graph calls path (already decoded, without query) into its parts, or null if it is not one. */
export function parseCallPath(path: string): ParsedGraphPath | null {
  const match = CALL_PATH.exec(path);
  if (!match) return null;
  const [, version, appId, callId, rest] = match as unknown as [string, 'v1.0' | 'beta', string | undefined, string, string | undefined];
  const isLegacy = !path.slice(version.length + 1).startsWith('/communications/');
  if (isLegacy && version !== 'beta') return null;
  const parsed: ParsedGraphPath = {
    version,
    profile: isLegacy ? 'beta-2018' : version,
    callId,
    rest: rest ? rest.split('/').filter(Boolean) : [],
  };
  if (isLegacy) parsed.legacyForm = appId === undefined ? 'app' : 'applications';
  if (appId !== undefined) parsed.appId = appId;
  return parsed;
}

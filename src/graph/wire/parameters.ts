/**
 * The parameters each media action on a call declares, per API version, as
 * Graph's metadata (CSDL) declares them: a parameter the version does not
 * declare is refused, a non-nullable one must be there. Versions differ:
 * the 2018 beta names its recording action `record` (with
 * `streamWhileRecording`) where v1.0 and today's beta say `recordResponse`,
 * and only the 2018 cancel takes `all`.
 */
import { z } from 'zod';
import type { ProfileId } from '../profiles';
import { cancelBodySchema, clientContextSchema, legacyCancelBodySchema } from '../schemas';

export type MediaActionName = 'playPrompt' | 'recordResponse' | 'record' | 'subscribeToTone';
export type ActionName = MediaActionName | 'cancelMediaProcessing';

/** The console's own limit on how long a simulated recording may run. */
export const MAX_RECORD_SECONDS = 600;

const nullableClientContext = clientContextSchema.nullish();
const seconds = z.number().int().nullish();

/** `prompt` is abstract in the metadata (`mediaPrompt` derives from it): each item is an object. */
const promptsSchema = z.array(z.looseObject({}));

const playPrompt = z.strictObject({
  prompts: promptsSchema,
  clientContext: nullableClientContext,
});

const recordShape = {
  prompts: promptsSchema.nullish(),
  bargeInAllowed: z.boolean().nullish(),
  initialSilenceTimeoutInSeconds: seconds,
  maxSilenceTimeoutInSeconds: seconds,
  maxRecordDurationInSeconds: z
    .number({ message: `must be a whole number of seconds from 1 to ${MAX_RECORD_SECONDS}` })
    .int({ message: `must be a whole number of seconds from 1 to ${MAX_RECORD_SECONDS}` })
    .min(1, { message: `must be a whole number of seconds from 1 to ${MAX_RECORD_SECONDS}` })
    .max(MAX_RECORD_SECONDS, { message: `must be a whole number of seconds from 1 to ${MAX_RECORD_SECONDS}` })
    .nullish(),
  playBeep: z.boolean().nullish(),
  stopTones: z.array(z.string()).nullish(),
  clientContext: nullableClientContext,
};

const recordResponse = z.strictObject(recordShape);
const record2018 = z.strictObject({ ...recordShape, streamWhileRecording: z.boolean().nullish() });
const subscribeToTone = z.strictObject({ clientContext: nullableClientContext });

/**
 * v1.0 as its metadata declares. Today's beta: the extract of its metadata
 * carries only cancelMediaProcessing; its media actions are documented with
 * the same parameters as v1.0, so they share v1.0's.
 */
const current = { cancelMediaProcessing: cancelBodySchema, playPrompt, recordResponse, subscribeToTone };

export const ACTION_PARAMETERS: Record<ProfileId, Partial<Record<ActionName, z.ZodType<Record<string, unknown>>>>> = {
  'v1.0': current,
  beta: current,
  'beta-2018': { cancelMediaProcessing: legacyCancelBodySchema, playPrompt, record: record2018, subscribeToTone },
};

/** The parameter schema of an action in a version, or undefined when that version has no such action. */
export function actionParameters(version: ProfileId, action: string): z.ZodType<Record<string, unknown>> | undefined {
  return Object.hasOwn(ACTION_PARAMETERS[version], action) ? ACTION_PARAMETERS[version][action as ActionName] : undefined;
}

/** Graph's words for a body its OData layer refuses, naming the parameter. */
export function describeParameterIssue(action: string, body: unknown, error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'The request body is not valid.';
  if (issue.code === 'unrecognized_keys') {
    return `The parameter '${issue.keys[0] ?? ''}' in the request payload is not a valid parameter for the operation '${action}'.`;
  }
  if (issue.path.length === 0) return `The request body must be a JSON object of the parameters of '${action}'.`;
  const field = String(issue.path[0]);
  const given = typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[field] : undefined;
  if (given === undefined || given === null) return `The parameter '${field}' is required by the operation '${action}' and cannot be null.`;
  if (issue.code === 'too_big' && field === 'clientContext') return `The parameter '${field}' is too long: ${issue.message}.`;
  if (issue.code === 'invalid_type') return `The parameter '${field}' has the wrong type: expected ${issue.expected}.`;
  return `The parameter '${field}' is not valid: ${issue.message}.`;
}

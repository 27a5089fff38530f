/**
 * The scenario file: a recorded session of the console (the calls, and every
 * request, answer and notification with its timing) that can be replayed,
 * shared and turned into a Playwright spec. Versioned: a console reads the
 * versions it knows and refuses newer ones with the reason.
 * docs/scenario.schema.json is generated from this schema (npm run scenario:schema).
 */
import { z } from 'zod';
import { knownCallSchema } from '../graph/console';
import { PROFILE_IDS, type ProfileId } from '../graph/profiles';
import { notificationSourceSchema } from '../graph/schemas';

export const SCENARIO_FORMAT = 'comms-console-scenario';
/** Raise it when a change to the shape would mislead an older console; teach import.ts the old shapes. */
export const SCENARIO_VERSION = 1;

/*
 * Bounds on what Graph's own values look like. A scenario file is someone else's data and ends up in
 * generated code and on screen: an id, a type name or a status that could hold a line break, a quote or
 * a comment end is refused here, whatever the generator also does to encode it.
 */

/** Ids of calls, operations and requests: GUIDs in Graph, letters, digits and `-._~` in any case. */
export const scenarioIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._~-]{0,127}$/, { message: 'must be an id: letters, digits and -._~ (at most 128)' });
/** `#microsoft.graph.playPromptOperation`. */
export const odataTypeSchema = z
  .string()
  .regex(/^#microsoft\.graph\.[A-Za-z][A-Za-z0-9]{0,127}$/, { message: 'must be a Graph type name such as #microsoft.graph.playPromptOperation' });
/** An operation's status or a completionReason: one word (`running`, `operationCanceled`). */
const wordSchema = z.string().regex(/^[A-Za-z]{1,64}$/, { message: 'must be one word of letters, such as running or failed' });
/** Graph's error codes: `BadRequest`, `Request_ResourceNotFound`. */
const errorCodeSchema = z.string().regex(/^[A-Za-z0-9_.-]{1,128}$/, { message: 'must be a Graph error code such as BadRequest' });
/** A URL or a path as Graph writes them: no spaces, quotes, backticks or backslashes. */
const urlSchema = z.string().regex(/^[A-Za-z0-9._~:/?#@!$&()*+,;=%[\]-]{1,2048}$/, { message: 'must be a URL or path without spaces, quotes or backslashes' });

/** What a scenario keeps of a call: enough to find it again (a spec picks it by label) and to show who was on it. */
export const scenarioCallSchema = knownCallSchema
  .pick({ id: true, label: true, state: true, participants: true })
  .extend({ id: scenarioIdSchema, label: z.string().max(200).optional(), state: z.string().max(64) });
export type ScenarioCall = z.infer<typeof scenarioCallSchema>;

/** Milliseconds since the first step. */
const offsetSchema = z.number().nonnegative();

const resultInfoSchema = z.looseObject({ code: z.number().int(), subcode: z.number().int().optional(), message: z.string().max(1024).optional() });

/** An operation as answers and notifications carry it; other fields are kept as they are. */
const operationDataSchema = z.looseObject({
  '@odata.type': odataTypeSchema.optional(),
  id: scenarioIdSchema.optional(),
  status: wordSchema.optional(),
  clientContext: z.string().max(1024).nullish(),
  resultInfo: resultInfoSchema.nullish(),
  completionReason: wordSchema.nullish(),
});

/** An answer's body: nothing, an operation, or Graph's error. */
const responseBodySchema = z.union([
  z.null(),
  operationDataSchema.extend({ error: z.looseObject({ code: errorCodeSchema, message: z.string().max(4096).optional() }).optional() }),
]);

/** A commsNotifications body: `{ value: [ … ] }`, each item naming the resource it is about. */
const notificationBodySchema = z.looseObject({
  value: z.array(
    z.looseObject({
      '@odata.type': odataTypeSchema.optional(),
      changeType: wordSchema.optional(),
      resourceUrl: urlSchema.optional(),
      resource: urlSchema.optional(),
      resourceData: operationDataSchema.optional(),
    }),
  ),
});

/** What the step means, in plain words: the Presentation view shows it as a caption while the step plays. */
const noteSchema = z.string().trim().min(1).max(300).optional();

export const requestStepSchema = z.object({
  t: offsetSchema,
  note: noteSchema,
  kind: z.literal('request'),
  id: scenarioIdSchema,
  callId: scenarioIdSchema,
  profile: z.enum(PROFILE_IDS as [ProfileId, ...ProfileId[]]),
  method: z.string().regex(/^[A-Z]{1,10}$/, { message: 'must be an HTTP method such as POST' }),
  path: urlSchema,
  body: z.unknown(),
});

export const responseStepSchema = z.object({
  t: offsetSchema,
  note: noteSchema,
  kind: z.literal('response'),
  requestId: scenarioIdSchema,
  status: z.number().int().min(100).max(599),
  headers: z.record(z.string(), z.string().max(4096)).and(z.object({ location: urlSchema.optional() })),
  body: responseBodySchema,
});

export const notificationStepSchema = z.object({
  t: offsetSchema,
  note: noteSchema,
  kind: z.literal('notification'),
  seq: z.number().int().nonnegative(),
  source: notificationSourceSchema,
  verified: z.boolean(),
  body: notificationBodySchema,
});

/** What JSON Schema cannot say about the steps; the console checks it on import (superRefine below). */
export const STEPS_ORDER =
  'In order. Also required, and checked by the console on import though JSON Schema cannot express it: t never decreases from one step to the next, and a response step comes after the request step whose id it names.';

export const scenarioStepSchema = z.discriminatedUnion('kind', [requestStepSchema, responseStepSchema, notificationStepSchema]);
export type ScenarioStep = z.infer<typeof scenarioStepSchema>;
export type RequestStep = z.infer<typeof requestStepSchema>;

export const scenarioSchema = z
  .object({
    format: z.literal(SCENARIO_FORMAT),
    version: z.literal(SCENARIO_VERSION),
    name: z.string().min(1).max(200),
    description: z.string().max(10_000),
    recordedAt: z.iso.datetime({ offset: true }),
    mode: z.enum(['mock', 'live']),
    calls: z.array(scenarioCallSchema),
    steps: z.array(scenarioStepSchema).meta({ description: STEPS_ORDER }),
  })
  .superRefine((scenario, context) => {
    // Replay and spec generation walk the steps in order: time must not run backwards,
    // and an answer must follow the request it answers.
    const requestIds = new Set<string>();
    scenario.steps.forEach((step, index) => {
      const previous = scenario.steps[index - 1];
      if (previous && step.t < previous.t) {
        context.addIssue({ code: 'custom', path: ['steps', index, 't'], message: `must not be earlier than the step before it (${previous.t} ms)` });
      }
      if (step.kind === 'request') requestIds.add(step.id);
      if (step.kind === 'response' && !requestIds.has(step.requestId)) {
        context.addIssue({ code: 'custom', path: ['steps', index, 'requestId'], message: 'no earlier request step has this id' });
      }
    });
  });
export type Scenario = z.infer<typeof scenarioSchema>;

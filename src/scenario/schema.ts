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

/** What a scenario keeps of a call: enough to find it again (a spec picks it by label) and to show who was on it. */
export const scenarioCallSchema = knownCallSchema.pick({ id: true, label: true, state: true, participants: true });
export type ScenarioCall = z.infer<typeof scenarioCallSchema>;

/** Milliseconds since the first step. */
const offsetSchema = z.number().nonnegative();

/** What the step means, in plain words: the Presentation view shows it as a caption while the step plays. */
const noteSchema = z.string().trim().min(1).max(300).optional();

export const requestStepSchema = z.object({
  t: offsetSchema,
  note: noteSchema,
  kind: z.literal('request'),
  id: z.string().min(1),
  callId: z.string(),
  profile: z.enum(PROFILE_IDS as [ProfileId, ...ProfileId[]]),
  method: z.string().min(1),
  path: z.string().min(1),
  body: z.unknown(),
});

export const responseStepSchema = z.object({
  t: offsetSchema,
  note: noteSchema,
  kind: z.literal('response'),
  requestId: z.string().min(1),
  status: z.number().int().min(100).max(599),
  headers: z.record(z.string(), z.string()),
  body: z.unknown(),
});

export const notificationStepSchema = z.object({
  t: offsetSchema,
  note: noteSchema,
  kind: z.literal('notification'),
  seq: z.number().int().nonnegative(),
  source: notificationSourceSchema,
  verified: z.boolean(),
  body: z.unknown(),
});

export const scenarioStepSchema = z.discriminatedUnion('kind', [requestStepSchema, responseStepSchema, notificationStepSchema]);
export type ScenarioStep = z.infer<typeof scenarioStepSchema>;
export type RequestStep = z.infer<typeof requestStepSchema>;

export const scenarioSchema = z
  .object({
    format: z.literal(SCENARIO_FORMAT),
    version: z.literal(SCENARIO_VERSION),
    name: z.string().min(1),
    description: z.string(),
    recordedAt: z.iso.datetime({ offset: true }),
    mode: z.enum(['mock', 'live']),
    calls: z.array(scenarioCallSchema),
    steps: z.array(scenarioStepSchema),
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

/**
 * Graph's JSON batching (`POST /{version}/$batch`), as the simulator answers it
 * and the proxy checks it: mgt uses it to look up a person and their photo in one.
 */
import { z } from 'zod';

/** Graph accepts at most 20 requests in one batch. */
export const MAX_BATCH_REQUESTS = 20;

export const batchBodySchema = z.object({
  requests: z
    .array(
      z.object({
        id: z.string().min(1).max(64),
        method: z.string(),
        url: z.string().max(2048),
        headers: z.record(z.string(), z.string()).optional(),
        body: z.unknown().optional(),
        dependsOn: z.array(z.string()).optional(),
      }),
    )
    .min(1)
    .max(MAX_BATCH_REQUESTS),
});
export type BatchBody = z.infer<typeof batchBodySchema>;

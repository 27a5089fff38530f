/**
 * zod schemas for what crosses a boundary: cancel bodies, Graph operations,
 * Graph errors, commsNotifications, and the console's relay messages.
 * Notification schemas keep unknown fields: Graph adds fields over time and
 * the console shows payloads as they were received.
 */
import { z } from 'zod';

export const CLIENT_CONTEXT_MAX = 256;

export const clientContextSchema = z
  .string()
  .max(CLIENT_CONTEXT_MAX, { message: `clientContext must be at most ${CLIENT_CONTEXT_MAX} characters` });

/** v1.0 and today's beta: `{clientContext}` and nothing else. */
export const cancelBodySchema = z.strictObject({ clientContext: clientContextSchema.optional() });

/** The 2018 beta: `{all, clientContext}`. */
export const legacyCancelBodySchema = z.strictObject({
  all: z.boolean().optional(),
  clientContext: clientContextSchema.optional(),
});

export const resultInfoSchema = z.looseObject({
  code: z.number().int(),
  subcode: z.number().int().optional(),
  message: z.string().optional(),
});
export type ResultInfo = z.infer<typeof resultInfoSchema>;

/** The 2018 beta's `errorInfo`: the same three fields, the codes as strings and spelled `subCode`. */
export const errorInfoSchema = z.looseObject({
  code: z.union([z.string(), z.number()]).nullish(),
  subCode: z.union([z.string(), z.number()]).nullish(),
  message: z.string().nullish(),
});
export type ErrorInfo = z.infer<typeof errorInfoSchema>;

export const operationStatusSchema = z.enum(['notStarted', 'running', 'completed', 'failed']);
export type OperationStatus = z.infer<typeof operationStatusSchema>;

export const operationSchema = z.looseObject({
  '@odata.type': z.string().optional(),
  // Graph's docs show an operation notification with `"id": null` (participant-invite).
  id: z.string().nullish(),
  status: operationStatusSchema,
  clientContext: z.string().nullish(),
  resultInfo: resultInfoSchema.nullish(),
  errorInfo: errorInfoSchema.nullish(),
  completionReason: z.string().nullish(),
});
export type GraphOperation = z.infer<typeof operationSchema>;

export const graphErrorSchema = z.object({
  error: z.looseObject({
    code: z.string(),
    message: z.string(),
    innerError: z
      .looseObject({
        'request-id': z.string().optional(),
        'client-request-id': z.string().optional(),
        date: z.string().optional(),
      })
      .optional(),
  }),
});
export type GraphError = z.infer<typeof graphErrorSchema>;

export const commsNotificationSchema = z
  .looseObject({
    '@odata.type': z.string().optional(),
    changeType: z.enum(['created', 'updated', 'deleted']),
    resourceUrl: z.string().optional(),
    resource: z.string().optional(),
    resourceData: z.unknown().optional(),
  })
  .refine((item) => item.resourceUrl !== undefined || item.resource !== undefined, {
    message: 'each notification needs resourceUrl or resource',
  });
export type CommsNotification = z.infer<typeof commsNotificationSchema>;

export const commsNotificationsSchema = z.looseObject({
  value: z.array(commsNotificationSchema).min(1),
});
export type CommsNotifications = z.infer<typeof commsNotificationsSchema>;

export const notificationSourceSchema = z.enum(['graph', 'forwarded', 'simulator']);
export type NotificationSource = z.infer<typeof notificationSourceSchema>;

/**
 * What the bot answered when the console forwarded a notification to it (FORWARD_TO):
 * `answered` with the bot's status, or the status the console gave Graph instead
 * (504 `timeout`, 502 `unreachable`, 503 `overloaded`: too many forwards in flight).
 * `retries`: how many times Graph posted the same body again after that failed.
 */
export const botAnswerSchema = z.object({
  outcome: z.enum(['answered', 'timeout', 'unreachable', 'overloaded']),
  status: z.number().int(),
  ms: z.number().int().nonnegative(),
  retries: z.number().int().nonnegative(),
});
export type BotAnswer = z.infer<typeof botAnswerSchema>;

/** The relay websocket protocol, the same in mock and live mode. */
export const relayMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('hello'), lastSeq: z.number().int().nonnegative() }),
  z.object({
    type: z.literal('notification'),
    seq: z.number().int().positive(),
    receivedAt: z.string(),
    verified: z.boolean(),
    source: notificationSourceSchema,
    body: z.unknown(),
    /**
     * Sent again because a user asked (POST /api/notifications/{seq}/redeliver): same seq,
     * not stored again; a client shows it marked and leaves its relay position alone.
     */
    redelivered: z.literal(true).optional(),
    /** With FORWARD_TO: the bot's answer, when it came before this message was sent (else a `botAnswer` follows). */
    bot: botAnswerSchema.optional(),
  }),
  /** With FORWARD_TO: the bot answered (again, for a retry) the notification `seq`, already sent. */
  z.object({ type: z.literal('botAnswer'), seq: z.number().int().positive(), bot: botAnswerSchema }),
  /**
   * With FORWARD_TO: how many requests to the callback were forwarded to the bot but not kept
   * (the token or the body failed), since the DATA_DIR was made. Sent on connect and on each change.
   */
  z.object({ type: z.literal('refused'), count: z.number().int().nonnegative() }),
]);
export type RelayMessage = z.infer<typeof relayMessageSchema>;
export type RelayNotification = Extract<RelayMessage, { type: 'notification' }>;

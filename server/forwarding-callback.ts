/**
 * The callback with FORWARD_TO set (docs/architecture.md, "The path of one
 * request to `POST /api/calls`"): the request goes to the bot at once, and the
 * bot's answer back to Graph; meanwhile a notification whose token verifies is
 * kept, and anything else only counted. Framework-free: the callback route
 * (notification-endpoints.ts) writes the answer it returns.
 */
import { createHash } from 'node:crypto';
import type { BotAnswerLog } from './bot-answers';
import type { NotificationLog } from './console-store';
import type { BotForwarder, BotReply } from './forward-to-bot';
import type { Log } from './log';
import { parseNotifications } from './notification-endpoints';
import type { NotificationTokenVerifier } from './notification-token';
import type { Relay } from './relay';

export type ForwardingCallback = ReturnType<typeof createForwardingCallback>;

export function createForwardingCallback(options: {
  forwarder: BotForwarder;
  answers: BotAnswerLog;
  verifier: NotificationTokenVerifier;
  notificationLog: NotificationLog;
  /** Why nothing can be stored now (retention.ts: the history is full): forwarded, not kept. */
  storageRefusal?: (() => string | undefined) | undefined;
  relay: Relay;
  log: Log;
}) {
  const { forwarder, answers, verifier, notificationLog, storageRefusal, relay, log } = options;

  /** Forwarded, not kept: logged and, unless only the storage was full, counted (relay `refused`). */
  const notKept = (reason: string, counted = true): undefined => {
    log(`callback: forwarded to the bot but not kept (${reason.slice(0, 300)})`);
    if (counted) relay.announce({ type: 'refused', count: answers.countRefused() });
    return undefined;
  };

  /** The seq the bot's answer belongs to, or undefined when the request is not kept. */
  const keep = async (body: Buffer, authorization: string | undefined): Promise<number | undefined> => {
    const verdict = await verifier.verify(authorization);
    if (!verdict.verified) return notKept(`token: ${verdict.reason}`);
    const parsed = parseNotifications(body);
    if (!parsed.ok) return notKept(parsed.message);
    const full = storageRefusal?.();
    if (full !== undefined) return notKept(full, false);
    const bodySha256 = createHash('sha256').update(body).digest('hex');
    const now = Date.now();
    const retried = answers.retryOf(bodySha256, now);
    if (retried !== undefined) {
      answers.noteRetry(retried, now);
      return retried;
    }
    const stored = await notificationLog.append({ receivedAt: new Date(now).toISOString(), verified: true, source: 'graph', bodyText: parsed.text, body: parsed.json });
    answers.begin(stored.seq, bodySha256, now);
    return stored.seq;
  };

  return {
    /** Forwards one request to the bot, keeps it if it is a notification whose token verifies, and returns the bot's answer. */
    async receive(body: Buffer, rawHeaders: readonly string[], authorization: string | undefined): Promise<BotReply> {
      // Started before the console looks at the request: the bot waits for nothing the console does.
      const forwarding = forwarder.forward(body, rawHeaders);
      const seq = await keep(body, authorization).catch((error: unknown) => {
        log(`callback: could not keep a notification (${error instanceof Error ? error.message : String(error)})`);
        return undefined;
      });
      const reply = await forwarding;
      if (seq !== undefined) {
        // The notification is stored already; its bot's answer is recorded once Graph has it, so the
        // console adds nothing to the bot's time but the hop (npm run bench).
        setImmediate(() => {
          try {
            const bot = answers.finish(seq, { outcome: reply.outcome, status: reply.status, ms: reply.ms });
            relay.update(seq, { type: 'botAnswer', seq, bot });
          } catch (error) {
            log(`callback: could not record the bot's answer to #${seq} (${error instanceof Error ? error.message : String(error)})`);
          }
        });
      }
      return reply;
    },
  };
}

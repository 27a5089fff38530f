import type { BotAnswer } from '../../graph/schemas';
import type { PlainStatus } from '../../graph/timeAxis';
import type { StatusChange } from '../../graph/timeline';

const two = (value: number) => String(value).padStart(2, '0');

/** Local wall-clock time with milliseconds. Built by hand: toLocaleTimeString makes a formatter per call, too slow for thousands of lanes. */
export function clockTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}.${String(date.getMilliseconds()).padStart(3, '0')}`;
}

export function shortId(id: string): string {
  return id.length > 8 ? `${id.slice(0, 8)}…` : id;
}

export function describeChange(change: StatusChange): string {
  const parts = [change.status];
  if (change.resultInfo) {
    parts.push(`${change.resultInfo.code}/${change.resultInfo.subcode ?? 0}${change.resultInfo.message ? ` ${change.resultInfo.message}` : ''}`);
  }
  if (change.completionReason) parts.push(`completionReason ${change.completionReason}`);
  return parts.join(' · ');
}

/** What the bot answered a forwarded notification (FORWARD_TO), in a few words: "bot 202 · 14 ms". */
export function describeBotAnswer(bot: BotAnswer): string {
  const answer =
    bot.outcome === 'answered'
      ? `bot ${bot.status} · ${bot.ms} ms`
      : bot.outcome === 'timeout'
        ? `bot timed out · ${bot.ms} ms (Graph got ${bot.status})`
        : bot.outcome === 'unreachable'
          ? `bot unreachable (Graph got ${bot.status})`
          : `bot busy: too many notifications in flight (Graph got ${bot.status})`;
  if (bot.retries === 0) return answer;
  return `${answer} · retried ${bot.retries} ${bot.retries === 1 ? 'time' : 'times'}`;
}

/** The word on a bar or a Latest entry: a cancel that went through is "cancel sent", not "finished". */
export const barWord = (status: PlainStatus, isCancel: boolean) => (isCancel && status === 'finished' ? 'cancel sent' : status);

/** An operation's type as a row names it: cancelMediaProcessing is "cancel". */
export const typeLabel = (type: string) => (type === 'cancelMediaProcessing' ? 'cancel' : type);

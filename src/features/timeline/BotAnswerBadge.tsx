import { describeBotAnswer } from './format';
import { useTimelineStore } from './timelineStore';

/** With FORWARD_TO: what the bot answered notification `seq`, once it has; nothing otherwise (or in mock mode). */
export function BotAnswerBadge({ seq }: { seq: number }) {
  const bot = useTimelineStore((state) => state.botAnswers[seq]);
  if (!bot) return null;
  const ok = bot.outcome === 'answered' && bot.status >= 200 && bot.status < 300;
  return <span className={ok ? 'badge bot' : 'badge bot warn'}>{describeBotAnswer(bot)}</span>;
}

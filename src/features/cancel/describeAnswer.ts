import { graphErrorSchema } from '../../graph/schemas';
import type { GraphAnswer } from '../../lib/graphFetch';

export interface AnswerSummary {
  ok: boolean;
  headline: string;
  advice?: string;
  code?: string;
  message?: string;
}

const ADVICE: Record<number, string> = {
  400: 'Graph could not accept the request as sent. Fix what the message names and send again.',
  401: "Graph did not accept the app's token. Check the app's credentials on the server.",
  403: 'Graph refused: the app needs the Calls.Initiate.All or Calls.AccessMedia.All application permission, with admin consent.',
  404: 'Graph does not know this call: it may have ended, or it belongs to another app.',
  413: 'The request body is too large.',
  429: 'Graph is throttling this app. Wait the Retry-After time before sending again.',
  500: 'Graph failed. The cancel may or may not have been applied: check the timeline before sending again.',
  502: "The console's server could not reach Graph. Check its network and GRAPH_BASE_URL.",
  503: 'Graph is unavailable right now. Try again shortly.',
  504: 'Graph did not answer in time. The cancel may or may not have been applied: check the timeline before sending again.',
};

/** A Graph answer in plain words: what happened, and what to do about it. */
export function describeAnswer(answer: GraphAnswer, expectedStatus: number): AnswerSummary {
  if (answer.status >= 200 && answer.status < 300) {
    const headline = answer.status === expectedStatus ? 'Graph accepted the cancel.' : `Graph accepted the cancel, but answered ${answer.status} where this API version documents ${expectedStatus}.`;
    return { ok: true, headline };
  }
  const error = graphErrorSchema.safeParse(answer.body);
  const summary: AnswerSummary = {
    ok: false,
    headline: 'Graph refused the request.',
    advice: ADVICE[answer.status] ?? (answer.status >= 500 ? ADVICE[500] : ADVICE[400]),
  };
  if (error.success) {
    summary.code = error.data.error.code;
    summary.message = error.data.error.message;
  }
  return summary;
}

import { preloadable, useLoaded } from '../../lib/preloadable';
import type { SentCancel } from './useSendCancel';

interface ResponsePanelProps {
  pending: boolean;
  networkError?: string;
  sent?: SentCancel & { at: string };
  expectedStatus: number;
}

// A chunk of its own: the page's first screen has no answer to show yet, and the initial JS is tight.
const answerDetailsCode = preloadable(() => import('./AnswerDetails'));

/** Starts fetching how an answer is shown (the form calls it as it sends). */
export const preloadAnswerDetails = () => void answerDetailsCode.load().catch(() => undefined);

export function ResponsePanel({ pending, networkError, sent, expectedStatus }: ResponsePanelProps) {
  const details = useLoaded(answerDetailsCode, sent !== undefined);
  const AnswerDetails = details.module?.AnswerDetails;
  return (
    <section className="panel response" aria-labelledby="response-heading" aria-busy={pending}>
      <h2 id="response-heading">Response</h2>
      {networkError && (
        <div className="error-box" role="alert">
          <strong>The request did not reach the server.</strong> {networkError}. Check that the console&apos;s server is running, then send again.
        </div>
      )}
      {!sent && !networkError && <p className="hint">Send a cancel to see Graph&apos;s answer here.</p>}
      {sent &&
        (AnswerDetails ? (
          <AnswerDetails sent={sent} expectedStatus={expectedStatus} />
        ) : (
          <p className="hint">{details.error ? `Graph's answer came, but the code that shows it could not be loaded (${details.error}): reload the page.` : 'Showing the answer…'}</p>
        ))}
    </section>
  );
}

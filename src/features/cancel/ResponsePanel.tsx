import { statusLine } from '../../graph/errors';
import { describeAnswer } from './describeAnswer';
import type { SentCancel } from './useSendCancel';

interface ResponsePanelProps {
  pending: boolean;
  networkError?: string;
  sent?: SentCancel & { at: string };
  expectedStatus: number;
}

const HEADERS_SHOWN = ['location', 'request-id', 'client-request-id', 'retry-after'] as const;

export function ResponsePanel({ pending, networkError, sent, expectedStatus }: ResponsePanelProps) {
  const summary = sent ? describeAnswer(sent.answer, expectedStatus) : undefined;
  return (
    <section className="panel response" aria-labelledby="response-heading" aria-busy={pending}>
      <h2 id="response-heading">Response</h2>
      {networkError && (
        <div className="error-box" role="alert">
          <strong>The request did not reach the server.</strong> {networkError}. Check that the console&apos;s server is running, then send again.
        </div>
      )}
      {!sent && !networkError && <p className="hint">Send a cancel to see Graph&apos;s answer here.</p>}
      {sent && summary && (
        <>
          <p className={summary.ok ? 'status ok' : 'status bad'}>
            <span className="status-code">{statusLine(sent.answer.status)}</span> · POST <code>{sent.path}</code>
          </p>
          <div className={summary.ok ? 'summary' : 'error-box'}>
            <strong>{summary.headline}</strong>
            {summary.message && <p>{summary.message}</p>}
            {summary.code && (
              <p>
                Code: <code>{summary.code}</code>
              </p>
            )}
            {summary.advice && <p>{summary.advice}</p>}
          </div>
          <dl className="headers">
            {HEADERS_SHOWN.filter((name) => sent.answer.headers[name]).map((name) => (
              <div key={name}>
                <dt id={`response-${name}`}>{name}</dt>
                <dd>
                  {/* Named by its header, so a test or a screen reader finds the value by name (Playwright names no definition). */}
                  <code role="note" aria-labelledby={`response-${name}`}>
                    {sent.answer.headers[name]}
                  </code>
                </dd>
              </div>
            ))}
          </dl>
          <details open={!summary.ok}>
            <summary>Body</summary>
            <pre tabIndex={0}>{sent.answer.body === null ? '(no body)' : JSON.stringify(sent.answer.body, null, 2)}</pre>
          </details>
        </>
      )}
    </section>
  );
}

import { statusLine } from '../../graph/errors';
import { describeAnswer } from './describeAnswer';
import type { SentCancel } from './useSendCancel';

const HEADERS_SHOWN = ['location', 'request-id', 'client-request-id', 'retry-after'] as const;

/** Graph's last answer in plain words, with the headers that matter and the body. */
export function AnswerDetails({ sent, expectedStatus }: { sent: SentCancel; expectedStatus: number }) {
  const summary = describeAnswer(sent.answer, expectedStatus);
  return (
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
  );
}

import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { SESSION_NAME_MAX, type SessionSummary } from '../../graph/sessions';
import { sessionsQuery } from './sessionsApi';
import type { Sessions } from './useSessions';

function when(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString([], { dateStyle: 'medium', timeStyle: 'medium' });
}

const eventCount = (count: number) => `${count} event${count === 1 ? '' : 's'}`;

/** The history: every session, the one shown marked; New session, Open, Delete (after a confirmation). */
export function SessionsPanel({ sessions }: { sessions: Sessions }) {
  const [name, setName] = useState('');
  const [confirming, setConfirming] = useState<string>();
  // Subscribed here, not in useSessions: the list's reloads re-render this panel alone.
  const list = useQuery(sessionsQuery);
  const shownId = sessions.opened?.id ?? sessions.current?.id;
  const currentId = list.data?.currentId ?? sessions.current?.id;
  const error = sessions.error ?? (list.error ? `The sessions list could not be loaded: ${list.error.message}` : undefined);
  const retry = () => {
    if (sessions.error) sessions.retry();
    if (list.error) void list.refetch();
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    sessions.startNew(name);
    setName('');
  };

  const row = (session: SessionSummary) => {
    const isCurrent = session.id === currentId;
    const isShown = session.id === shownId;
    return (
      <li key={session.id} className={isShown ? 'session shown' : 'session'} aria-current={isShown ? 'true' : undefined}>
        <div className="session-title">
          <strong>{session.name}</strong>
          {isCurrent && <span className="badge">current</span>}
          {isShown && <span className="badge">shown</span>}
        </div>
        <p className="hint">
          Started <time dateTime={session.startedAt}>{when(session.startedAt)}</time>
          {session.endedAt && (
            <>
              {' '}
              · ended <time dateTime={session.endedAt}>{when(session.endedAt)}</time>
            </>
          )}{' '}
          · {eventCount(session.eventCount)}
        </p>
        <div className="actions">
          {!isShown && (
            <button type="button" className="secondary small" aria-label={`Open ${session.name}`} disabled={sessions.pending} onClick={() => sessions.open(session.id)}>
              Open
            </button>
          )}
          {/* The current session cannot be deleted: New session first. */}
          {!isCurrent && confirming !== session.id && (
            <button type="button" className="secondary small" aria-label={`Delete ${session.name}`} disabled={sessions.pending} onClick={() => setConfirming(session.id)}>
              Delete
            </button>
          )}
        </div>
        {confirming === session.id && (
          <div className="confirm" role="group" aria-label={`Confirm deleting ${session.name}`}>
            <p>
              Delete “{session.name}” and its {eventCount(session.eventCount)} for good?
            </p>
            <div className="actions">
              <button
                type="button"
                className="danger small"
                onClick={() => {
                  setConfirming(undefined);
                  sessions.remove(session.id);
                }}
              >
                Delete for good
              </button>
              <button type="button" className="secondary small" onClick={() => setConfirming(undefined)}>
                Keep it
              </button>
            </div>
          </div>
        )}
      </li>
    );
  };

  return (
    <section className="panel sessions" aria-labelledby="sessions-heading">
      <h2 id="sessions-heading">Sessions</h2>
      <p className="hint">Everything the console sees is kept in a session: open an earlier one to see its timeline again.</p>
      <form className="row" onSubmit={submit}>
        <label className="visually-hidden" htmlFor="new-session-name">
          Session name
        </label>
        <input id="new-session-name" type="text" placeholder="Name (optional)" maxLength={SESSION_NAME_MAX} value={name} onChange={(event) => setName(event.target.value)} />
        <button type="submit" disabled={sessions.pending}>
          New session
        </button>
      </form>
      {sessions.opened && (
        <p className="banner-inline">
          Showing “{sessions.opened.name}”, an ended session. New notifications keep arriving in the current one.{' '}
          <button type="button" className="secondary small" onClick={sessions.showCurrent}>
            Back to the current session
          </button>
        </p>
      )}
      {error && (
        <div className="error-box" role="alert">
          {error}{' '}
          <button type="button" className="secondary small" onClick={retry}>
            Try again
          </button>
        </div>
      )}
      {sessions.saving.error && (
        <p className="field-error" role="alert">
          {sessions.saving.error}
        </p>
      )}
      {list.data?.pruned && (
        <p className="hint" role="status" aria-label="Sessions deleted by the server">
          The server deleted {list.data.pruned.sessions.map((session) => `“${session.name}”`).join(', ')} ({list.data.pruned.reason}).
        </p>
      )}
      {list.data && (
        <ul className="session-list" aria-label="Saved sessions">
          {list.data.sessions.map(row)}
        </ul>
      )}
    </section>
  );
}

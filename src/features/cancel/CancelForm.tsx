import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { PROFILE_IDS, PROFILES, type ProfileId } from '../../graph/profiles';
import { CLIENT_CONTEXT_MAX } from '../../graph/schemas';
import type { TimelineEvent } from '../../graph/timeline';
import { newGuid } from '../../lib/newGuid';
import { useCancelFormStore } from './formStore';
import { preloadAnswerDetails, ResponsePanel } from './ResponsePanel';
import { retryAfterSeconds } from './retryAfter';
import { useSendCancel } from './useSendCancel';
import { validateCancel, type CancelFieldErrors } from './validate';

interface CancelFormProps {
  /** The call picker is another feature's; the app hands it in with the error to show beside it. */
  renderCallPicker(field: { error?: string; errorId: string }): ReactNode;
  appId?: string;
  onEvent(event: TimelineEvent): void;
}

export function CancelForm({ renderCallPicker, appId, onEvent }: CancelFormProps) {
  const form = useCancelFormStore();
  const [errors, setErrors] = useState<CancelFieldErrors>({});
  const [now, setNow] = useState(() => Date.now());
  const send = useSendCancel(onEvent);
  const profile = PROFILES[form.profileId];
  const waitSeconds = form.blockedUntil ? Math.ceil((form.blockedUntil - now) / 1000) : 0;

  useEffect(() => {
    if (waitSeconds <= 0) return;
    const timer = window.setInterval(() => setNow(Date.now()), 250);
    return () => window.clearInterval(timer);
  }, [waitSeconds]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (send.isPending || waitSeconds > 0) return;
    const found = validateCancel(form);
    setErrors(found);
    if (found.callId || found.clientContext) return;
    // On its way while the request is: the answer is drawn as it comes.
    preloadAnswerDetails();
    send.mutate(
      { callId: form.callId, profileId: form.profileId, all: form.all, clientContext: form.clientContext, legacyForm: form.legacyForm, ...(appId ? { appId } : {}) },
      {
        onSuccess: (sent) => {
          // Only a refusal (429, 503…) asks the app to wait: an accepted cancel's Retry-After, if any, blocks nothing.
          const accepted = sent.answer.status >= 200 && sent.answer.status < 300;
          const waitFor = accepted ? undefined : retryAfterSeconds(sent.answer);
          form.update({
            lastSent: { ...sent, at: new Date().toISOString() },
            ...(waitFor ? { blockedUntil: Date.now() + waitFor * 1000 } : {}),
          });
          setNow(Date.now());
        },
      },
    );
  };

  const contextLength = form.clientContext.length;
  return (
    <>
      <form className="panel cancel-form" onSubmit={submit} noValidate aria-labelledby="cancel-heading">
        <h2 id="cancel-heading">Cancel media processing</h2>
        {renderCallPicker({ ...(errors.callId ? { error: errors.callId } : {}), errorId: 'call-error' })}

        <div className="field">
          <label htmlFor="api-version">API version</label>
          <select id="api-version" value={form.profileId} onChange={(event) => form.update({ profileId: event.target.value as ProfileId })}>
            {PROFILE_IDS.map((id) => (
              <option key={id} value={id}>
                {PROFILES[id].label}
              </option>
            ))}
          </select>
          <p className="hint">
            POST <code>{profile.callPath('{call-id}', { legacyForm: form.legacyForm, appId: appId ?? '{app-id}' })}/cancelMediaProcessing</code> · answers {profile.expectedStatus}
          </p>
        </div>

        {profile.id === 'beta-2018' && (
          <div className="field">
            <label htmlFor="legacy-form">Path form</label>
            <select id="legacy-form" value={form.legacyForm} onChange={(event) => form.update({ legacyForm: event.target.value === 'applications' ? 'applications' : 'app' })}>
              <option value="app">/app/calls</option>
              <option value="applications">/applications/{'{appId}'}/calls</option>
            </select>
          </div>
        )}

        <div className="field checkbox">
          <input
            id="all"
            type="checkbox"
            checked={profile.supportsAll ? form.all : true}
            disabled={!profile.supportsAll}
            aria-describedby="all-hint"
            onChange={(event) => form.update({ all: event.target.checked })}
          />
          <label htmlFor="all">all</label>
          <p id="all-hint" className="hint">
            {profile.supportsAll
              ? form.all
                ? 'Cancel the running and every queued playPrompt and recordResponse.'
                : 'Cancel only the running operation; queued ones go on.'
              : `${profile.label} has no "all" parameter: it always cancels the running and every queued operation. Choose "beta (2018, /app)" to send it.`}
          </p>
        </div>

        <div className="field">
          <label htmlFor="client-context">clientContext</label>
          <div className="row">
            <input
              id="client-context"
              type="text"
              value={form.clientContext}
              spellCheck={false}
              autoComplete="off"
              aria-invalid={errors.clientContext ? true : undefined}
              aria-describedby={errors.clientContext ? 'client-context-error client-context-count' : 'client-context-count'}
              onChange={(event) => {
                form.update({ clientContext: event.target.value });
                if (errors.clientContext) setErrors({ ...errors, clientContext: undefined });
              }}
            />
            <button type="button" className="secondary" onClick={() => form.update({ clientContext: newGuid() })}>
              New GUID
            </button>
          </div>
          <p id="client-context-count" className={contextLength > CLIENT_CONTEXT_MAX ? 'hint over' : 'hint'}>
            {contextLength}/{CLIENT_CONTEXT_MAX} characters
          </p>
          {errors.clientContext && (
            <p id="client-context-error" className="field-error" role="alert">
              {errors.clientContext}
            </p>
          )}
        </div>

        <div className="actions">
          <button type="submit" className="primary" disabled={waitSeconds > 0} aria-busy={send.isPending}>
            Send
          </button>
          {send.isPending && <span className="hint">Sending…</span>}
          {waitSeconds > 0 && <span className="hint">Graph asked to wait: you can send again in {waitSeconds} s.</span>}
        </div>
      </form>
      <ResponsePanel
        pending={send.isPending}
        networkError={send.isError ? send.error.message : undefined}
        sent={form.lastSent}
        expectedStatus={form.lastSent ? PROFILES[form.lastSent.request.profileId].expectedStatus : profile.expectedStatus}
      />
    </>
  );
}

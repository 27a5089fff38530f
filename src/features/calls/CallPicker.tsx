import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useId, useState, type KeyboardEvent } from 'react';
import type { KnownCall } from '../../graph/console';
import { describeCall } from './describeCall';
import { knownCallsQuery } from './knownCallsQuery';

// mgt is large and retired: it loads only when a call with participants is shown.
const Participants = lazy(() => import('./people/Participants'));

interface CallPickerProps {
  value: string;
  onChange(callId: string): void;
  error?: string;
  errorId: string;
}

/**
 * An editable combobox (WAI-ARIA 1.2 list autocomplete): pick a known call, or
 * type any call id, since a bot may know calls the console has not seen.
 */
export function CallPicker({ value, onChange, error, errorId }: CallPickerProps) {
  const calls = useQuery(knownCallsQuery);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const listId = useId();
  const known = calls.data ?? [];
  const selected = known.find((call) => call.id.toLowerCase() === value.trim().toLowerCase());
  const filter = value.trim().toLowerCase();
  const options = selected || filter === '' ? known : known.filter((call) => describeCall(call).toLowerCase().includes(filter) || call.id.includes(filter));

  const choose = (call: KnownCall) => {
    onChange(call.id);
    setOpen(false);
    setActive(-1);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (!open) setOpen(true);
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((current) => (options.length === 0 ? -1 : (current + step + options.length) % options.length));
    } else if (event.key === 'Enter' && open && options[active]) {
      event.preventDefault();
      choose(options[active]);
    } else if (event.key === 'Escape') {
      setOpen(false);
      setActive(-1);
    }
  };

  const describedBy = [error ? errorId : undefined, `${listId}-status`].filter(Boolean).join(' ');
  return (
    <div className="field call-picker">
      <label htmlFor={`${listId}-input`}>Call</label>
      <div className="combobox">
        <input
          id={`${listId}-input`}
          type="text"
          role="combobox"
          aria-expanded={open}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={open && options[active] ? `${listId}-${options[active].id}` : undefined}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          placeholder="Choose a call or type its id"
          value={value}
          spellCheck={false}
          autoComplete="off"
          onChange={(event) => {
            onChange(event.target.value);
            setOpen(true);
            setActive(-1);
          }}
          onKeyDown={onKeyDown}
          onClick={() => setOpen(true)}
          onBlur={() => setOpen(false)}
        />
        <button type="button" className="secondary" tabIndex={-1} aria-label="Show calls" onMouseDown={(event) => event.preventDefault()} onClick={() => setOpen(!open)}>
          ▾
        </button>
        <ul id={listId} role="listbox" aria-label="Calls" hidden={!open} className="listbox">
          {open && options.map((call, index) => (
            <li
              key={call.id}
              id={`${listId}-${call.id}`}
              role="option"
              aria-selected={selected?.id === call.id}
              className={index === active ? 'option active' : 'option'}
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => choose(call)}
            >
              {describeCall(call)}
            </li>
          ))}
          {open && options.length === 0 && (
            <li role="option" aria-selected={false} aria-disabled="true" className="option empty">
              {known.length === 0 ? 'No calls known yet: type a call id.' : 'No known call matches: the typed id will be sent as it is.'}
            </li>
          )}
        </ul>
      </div>
      <p id={`${listId}-status`} className="hint">
        {calls.isError
          ? `Could not list calls: ${calls.error.message}`
          : selected
            ? describeCall(selected)
            : value.trim() !== ''
              ? 'A call the console has not seen: it will be sent as typed.'
              : `${known.length} known call${known.length === 1 ? '' : 's'}.`}
      </p>
      {error && (
        <p id={errorId} className="field-error" role="alert">
          {error}
        </p>
      )}
      {selected && selected.participants.length > 0 && (
        <Suspense fallback={<p className="hint">{selected.participants.map((p) => p.displayName).join(', ')}</p>}>
          <Participants participants={selected.participants} />
        </Suspense>
      )}
    </div>
  );
}

import { useState } from 'react';
import { idPrefix, plainStatus } from '../../graph/timeAxis';
import type { OperationLane } from '../../graph/timeline';
import { barWord, clockTime, typeLabel } from './format';

/** What App knows of a call, for a group's label and a Latest entry. */
export interface CallLabel {
  label?: string;
  participants: readonly string[];
}

/** An operation among the latest: its lane and call, and when its last change was, as the view words it. */
export interface LatestEntry {
  lane: OperationLane;
  callId: string;
  /** "4.2 s" on the Swimlanes' axis, a clock time in the List. */
  when: string;
}

interface LatestStripProps<Entry extends LatestEntry> {
  latest: readonly Entry[];
  describeCall: ((callId: string) => CallLabel | undefined) | undefined;
  onShow(entry: NoInfer<Entry>): void;
}

/**
 * The operations changed last, newest first, wherever they are in the view: what the user follows when
 * operations arrive faster than anyone could follow the chart or the list. Both views show it. While it has
 * focus it holds still, so the entry under the user's finger stays the one they chose.
 */
export function LatestStrip<Entry extends LatestEntry>({ latest, describeCall, onShow }: LatestStripProps<Entry>) {
  const [held, setHeld] = useState<readonly Entry[]>();
  const shown = held ?? latest;
  if (shown.length === 0) return null;
  return (
    <div
      className="sl-latest"
      onFocus={() => setHeld((current) => current ?? latest)}
      onBlur={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setHeld(undefined);
      }}
    >
      <span className="sl-latest-title" id="sl-latest-title">
        Latest
      </span>
      <ol aria-labelledby="sl-latest-title">
        {shown.map((entry, position) => {
          const { lane, callId, when } = entry;
          const call = callId ? describeCall?.(callId) : undefined;
          const where = callId ? `${call?.label ?? 'Call'} ${idPrefix(callId)}` : 'no call';
          const last = lane.changes.at(-1);
          const status = plainStatus(last);
          const word = barWord(status, lane.type === 'cancelMediaProcessing');
          return (
            // By place: the newest is always first, and an entry moving down reuses the element below.
            <li key={position}>
              <button
                type="button"
                className="secondary small sl-latest-entry"
                aria-label={`Show ${lane.type} ${idPrefix(lane.id)}, ${word}, on ${where}, at ${when}`}
                title={last?.seq !== undefined ? `notification #${last.seq}, ${clockTime(last.at)}` : clockTime(last?.at ?? '')}
                onClick={() => onShow(entry)}
              >
                <span className={`sl-key ${status}`} aria-hidden="true" />
                <span className="sl-type">{typeLabel(lane.type)}</span> <code>{idPrefix(lane.id)}</code> {word}{' '}
                <span className="sl-latest-where">
                  {where} · {when}
                </span>
              </button>
            </li>
          );
        })}
      </ol>
    </div>
  );
}

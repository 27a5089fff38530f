import { memo, useId, useState } from 'react';
import type { OperationLane, RequestEntry } from '../../graph/timeline';
import { BotAnswerBadge } from './BotAnswerBadge';
import { clockTime, describeChange, shortId } from './format';
import { RedeliverButton } from './RedeliverButton';

/** Where a lane sits in a virtualized list: absolutely placed and measured once rendered. */
export interface LanePlacement {
  index: number;
  setSize: number;
  top: number;
  measure(element: Element | null): void;
}

/** The lane of an operation id, if the timeline holds it. */
export type LaneLookup = (operationId: string) => OperationLane | undefined;

interface LaneProps {
  lane: OperationLane;
  requests: Record<string, RequestEntry>;
  laneById: LaneLookup;
  placement?: LanePlacement;
}

function Provenance({ via, seq, verified, source, replayed }: { via: string; seq?: number; verified?: boolean; source?: string; replayed?: boolean }) {
  if (replayed) return <span className="badge replayed">{via === 'response' ? 'answer' : `notification #${seq}`} · replayed</span>;
  if (via === 'response') return <span className="badge">answer</span>;
  const trust = source === 'simulator' ? 'simulated' : verified ? 'token verified' : 'token NOT verified';
  return (
    <span className={verified || source === 'simulator' ? 'badge' : 'badge warn'}>
      notification #{seq} · {trust}
    </span>
  );
}

/**
 * A lane as a card (the List view, and the details of a swimlane bar). Its place in a long list moves with
 * every new operation above it: only the item itself follows, its content (memoised) is redrawn only when
 * the lane, the requests or the names of the operations it ended change.
 */
export const Lane = memo(function Lane({ lane, requests, laneById, placement }: LaneProps) {
  const last = lane.changes.at(-1);
  const started = lane.startedByRequestId ? requests[lane.startedByRequestId] : undefined;
  const ended = started?.action === 'cancelMediaProcessing' ? started.cancelledOperationIds : [];
  // "type id" per ended operation, one per line: a string, so the content's memo compares it cheaply.
  const endedNames = ended.map((id) => `${laneById(id)?.type ?? 'operation'} ${id}`).join('\n');
  return (
    <li
      className={`lane status-${last?.status ?? 'unknown'}`}
      id={`lane-${lane.id}`}
      // Focused (not tabbed to) when the user asks to see it: from the Latest strip.
      tabIndex={-1}
      aria-labelledby={`lane-${lane.id}-title`}
      {...(placement
        ? {
            ref: placement.measure,
            'data-index': placement.index,
            // Screen readers still hear "item 12 of 10,000" though only a few items exist in the DOM.
            'aria-posinset': placement.index + 1,
            'aria-setsize': placement.setSize,
            style: { position: 'absolute', top: 0, left: 0, right: 0, transform: `translateY(${placement.top}px)` },
          }
        : {})}
    >
      <LaneContent lane={lane} requests={requests} endedNames={endedNames} />
    </li>
  );
});

const LaneContent = memo(function LaneContent({ lane, requests, endedNames }: { lane: OperationLane; requests: Record<string, RequestEntry>; endedNames: string }) {
  const last = lane.changes.at(-1);
  const status = last?.status ?? 'unknown';
  const cancelledBy = lane.cancelledByRequestId ? requests[lane.cancelledByRequestId] : undefined;
  const ended = endedNames ? endedNames.split('\n').map((line) => ({ type: line.slice(0, line.indexOf(' ')), id: line.slice(line.indexOf(' ') + 1) })) : [];
  return (
    <>
      <h3 id={`lane-${lane.id}-title`}>
        {lane.type} <code title={lane.id}>{shortId(lane.id)}</code>{' '}
        {/* Heard once, from the facts below; shown here at a glance. */}
        <span className="lane-status" aria-hidden="true">
          {status}
        </span>
      </h3>
      <dl className="lane-facts">
        <div>
          <dt id={`lane-${lane.id}-status`}>Status</dt>{' '}
          <dd>
            <span role="note" aria-labelledby={`lane-${lane.id}-status`}>
              {status}
            </span>
          </dd>
        </div>
        {lane.callId && (
          <div>
            <dt id={`lane-${lane.id}-call`}>call</dt>{' '}
            <dd>
              <code title={lane.callId}>{shortId(lane.callId)}</code>
            </dd>
          </div>
        )}
        {lane.clientContext && (
          <div>
            <dt id={`lane-${lane.id}-context`}>clientContext</dt>{' '}
            <dd>
              <code>{lane.clientContext}</code>
            </dd>
          </div>
        )}
      </dl>
      <ol className="changes">
        {lane.changes.map((change, index) => (
          <li key={index}>
            <time dateTime={change.at}>{clockTime(change.at)}</time> <strong>{describeChange(change)}</strong>{' '}
            {change.changeType && <span className="badge">{change.changeType}</span>}{' '}
            <Provenance
              via={change.via}
              {...(change.seq !== undefined ? { seq: change.seq } : {})}
              {...(change.verified !== undefined ? { verified: change.verified } : {})}
              {...(change.source ? { source: change.source } : {})}
              {...(change.replayed ? { replayed: true } : {})}
            />
            {change.redelivered && <span className="badge redelivered">redelivered</span>}
            {change.via === 'notification' && change.seq !== undefined && !change.replayed && <BotAnswerBadge seq={change.seq} />}
            {/* Only a notification the relay stored can be sent again: not a replay's, not a copy. */}
            {change.via === 'notification' && change.seq !== undefined && !change.replayed && !change.redelivered && <RedeliverButton seq={change.seq} />}
            <RawJson value={change.raw} />
          </li>
        ))}
      </ol>
      {cancelledBy && (
        <p className="link-line">
          Cancelled by the cancel sent at {clockTime(cancelledBy.at)}
          {cancelledBy.response?.headers.location && (
            <>
              {' '}
              (<a href={`#lane-${cancelledBy.response.headers.location.split('/').pop() ?? ''}`}>cancel operation</a>)
            </>
          )}
        </p>
      )}
      {ended.length > 0 && (
        <p className="link-line">
          Ended:{' '}
          {ended.map(({ type, id }, index) => (
            <span key={id}>
              {index > 0 && ', '}
              <a href={`#lane-${id}`}>
                {type} {shortId(id)}
              </a>
            </span>
          ))}
        </p>
      )}
    </>
  );
});

/**
 * A payload as JSON, behind a disclosure button, written out only once opened: a card holds one per notification,
 * most are never read, and in a stream new cards come every frame. A button, not a `details` element, so a card
 * adds no shadow tree per notification.
 */
function RawJson({ value }: { value: unknown }) {
  const [open, setOpen] = useState(false);
  const id = useId();
  return (
    <>
      <button type="button" className="secondary small raw-json" aria-expanded={open} aria-controls={id} onClick={() => setOpen(!open)}>
        Raw JSON
      </button>
      {open && (
        <pre id={id} tabIndex={0}>
          {JSON.stringify(value, null, 2)}
        </pre>
      )}
    </>
  );
}

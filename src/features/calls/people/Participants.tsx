import './plainSkeleton';
import { Person } from '@microsoft/mgt-react';
import type { KnownCall } from '../../../graph/console';
import { installGraphProxyProvider } from './graphProxyProvider';

installGraphProxyProvider();

interface ParticipantsProps {
  participants: KnownCall['participants'];
}

/** The only place mgt is used: participants shown as mgt Person cards, looked up through /graph. */
export default function Participants({ participants }: ParticipantsProps) {
  return (
    <ul className="participants" aria-label="Participants">
      {participants.map((participant) => (
        <li key={participant.id}>
          {participant.userId ? (
            <Person userId={participant.userId} view="twolines" fallbackDetails={{ displayName: participant.displayName }} />
          ) : (
            <Person personDetails={{ displayName: participant.displayName }} view="oneline" />
          )}
        </li>
      ))}
    </ul>
  );
}

import { queryOptions } from '@tanstack/react-query';
import { KNOWN_CALLS_PATH, knownCallsSchema } from '../../graph/console';
import { fetchJson } from '../../lib/fetchJson';

/** Every query key of the calls feature. */
export const callsKeys = { known: ['calls', 'known'] as const };

/**
 * Graph has no "list calls": the console lists the calls it knows (the simulator's, or those seen in
 * notifications). Not polled: src/app invalidates it when the relay brings a notification.
 */
export const knownCallsQuery = queryOptions({
  queryKey: callsKeys.known,
  queryFn: () => fetchJson(KNOWN_CALLS_PATH, knownCallsSchema).then((answer) => answer.calls),
});

import { queryOptions } from '@tanstack/react-query';
import { KNOWN_CALLS_PATH, knownCallsSchema } from '../../graph/console';
import { fetchJson } from '../../lib/fetchJson';

/** Graph has no "list calls": the console lists the calls it knows (the simulator's, or those seen in notifications). */
export const knownCallsQuery = queryOptions({
  queryKey: ['known-calls'],
  queryFn: () => fetchJson(KNOWN_CALLS_PATH, knownCallsSchema).then((answer) => answer.calls),
  refetchInterval: 1_000,
});

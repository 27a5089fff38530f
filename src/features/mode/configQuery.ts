import { queryOptions } from '@tanstack/react-query';
import { CONFIG_PATH, consoleConfigSchema } from '../../graph/console';
import { fetchJson } from '../../lib/fetchJson';

export const configQuery = queryOptions({
  queryKey: ['console-config'],
  queryFn: () => fetchJson(CONFIG_PATH, consoleConfigSchema),
  staleTime: 60_000,
});

/** Posting notifications the quick way in relay tests: the forward endpoint, no JWT needed. */
import { rawRequest } from './http-client';
import { throwawaySecret } from '../../e2e/fake-graph/throwaway-secret';

export const TEST_FORWARD_SECRET = throwawaySecret();

export async function forwardNotification(port: number, body: unknown): Promise<void> {
  const response = await rawRequest(port, {
    method: 'POST',
    path: '/api/forward',
    headers: { 'content-type': 'application/json', 'x-forward-secret': TEST_FORWARD_SECRET },
    body: JSON.stringify(body),
  });
  if (response.status !== 202) throw new Error(`forward answered ${response.status}: ${response.text}`);
}

import { randomBytes } from 'node:crypto';

/**
 * A client secret for the fake Graph, made fresh for each run: nothing that
 * looks like a credential is ever written into the repository.
 */
export function throwawaySecret(): string {
  return `fake~${randomBytes(18).toString('base64url')}`;
}

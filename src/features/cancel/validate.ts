import { isGuid } from '../../graph/ids';
import { CLIENT_CONTEXT_MAX } from '../../graph/schemas';

export interface CancelFieldErrors {
  callId?: string;
  clientContext?: string;
}

/** The same rules Graph applies, checked before anything is sent. */
export function validateCancel(input: { callId: string; clientContext: string }): CancelFieldErrors {
  const errors: CancelFieldErrors = {};
  const callId = input.callId.trim();
  if (callId === '') errors.callId = 'Choose a call, or type a call id.';
  else if (!isGuid(callId)) {
    errors.callId = 'A call id is a GUID (8-4-4-4-12 hex digits, e.g. 2ae8f1c2-b38d-4633-bced-067a892491ce). Check for a missing or extra character.';
  }
  if (input.clientContext.length > CLIENT_CONTEXT_MAX) {
    errors.clientContext = `clientContext is ${input.clientContext.length} characters; Graph accepts at most ${CLIENT_CONTEXT_MAX}. Shorten it by ${input.clientContext.length - CLIENT_CONTEXT_MAX}.`;
  }
  return errors;
}

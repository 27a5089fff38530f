import { useMutation } from '@tanstack/react-query';
import { cancelPath, PROFILES, type LegacyPathForm, type ProfileId } from '../../graph/profiles';
import type { TimelineEvent } from '../../graph/timeline';
import { callGraph, type GraphAnswer } from '../../lib/graphFetch';
import { newGuid } from '../../lib/newGuid';

export interface CancelRequest {
  callId: string;
  profileId: ProfileId;
  all: boolean;
  clientContext: string;
  legacyForm: LegacyPathForm;
  appId?: string;
}

export interface SentCancel {
  request: CancelRequest;
  path: string;
  answer: GraphAnswer;
}

/** Sends one cancel and reports the request and its answer to whoever keeps the timeline. */
export function useSendCancel(onEvent: (event: TimelineEvent) => void) {
  return useMutation({
    mutationKey: ['cancelMediaProcessing'],
    mutationFn: async (request: CancelRequest): Promise<SentCancel> => {
      const profile = PROFILES[request.profileId];
      const path = cancelPath(profile, request.callId.trim(), {
        legacyForm: request.legacyForm,
        ...(request.appId ? { appId: request.appId } : {}),
      });
      const body = profile.cancelBody({ callId: request.callId, all: request.all, clientContext: request.clientContext });
      const clientRequestId = newGuid();
      onEvent({ kind: 'request', id: clientRequestId, at: new Date().toISOString(), callId: request.callId.trim(), profile: profile.id, method: 'POST', path, body });
      const answer = await callGraph({ method: 'POST', path, body, clientRequestId });
      onEvent({ kind: 'response', requestId: clientRequestId, at: new Date().toISOString(), status: answer.status, headers: answer.headers, body: answer.body });
      return { request, path, answer };
    },
  });
}

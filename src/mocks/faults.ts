/**
 * Deliberate faults for the mutation check (scripts/mutation-check.ts): a
 * mock console that gets cancelMediaProcessing wrong in one named way, so the
 * suite can show that the generated specs notice. Test-only: read from
 * localStorage (`comms-console.mock-fault`) by the mock host, which exists only
 * in mock mode; the live console never sees it.
 */
import { parseCallPath } from '../graph/profiles';
import type { GraphHttpRequest, GraphHttpResponse } from '../graph/simulator/http';
import type { OutgoingNotification } from '../graph/simulator/model';
import type { CallSimulator } from '../graph/simulator/simulator';

export const MOCK_FAULT_KEY = 'comms-console.mock-fault';

export const MOCK_FAULTS = {
  /** The 2018 form's `all` is ignored: every cancel also ends the queue. */
  'all-ignored': 'the 2018 form ignores all: false and cancels the queue too',
  /** Cancelled operations report 400/8509 instead of 400/8508. */
  'wrong-subcode': 'cancelled operations end with subcode 8509 instead of 8508',
  /** The 2018 form answers 200 with no Location instead of 202 Accepted with one. */
  'legacy-200': 'the 2018 form answers 200 without a Location header',
  /** A cancel is answered as usual but ends nothing. */
  'cancel-ends-nothing': 'a cancel is answered as usual but ends nothing',
} as const;
export type MockFault = keyof typeof MOCK_FAULTS;

export function isMockFault(value: unknown): value is MockFault {
  return typeof value === 'string' && Object.hasOwn(MOCK_FAULTS, value);
}

type Handle = (sim: CallSimulator, request: GraphHttpRequest) => GraphHttpResponse;

/** handleGraphRequest with the fault applied to cancels; everything else is answered as it would be. */
export function withFault(fault: MockFault, handle: Handle): Handle {
  return (sim, request) => {
    const parsed = parseCallPath(request.path);
    const isCancel = request.method === 'POST' && parsed?.rest.length === 1 && parsed.rest[0] === 'cancelMediaProcessing';
    if (!isCancel || !parsed) return handle(sim, request);
    const legacy = parsed.profile === 'beta-2018';

    if (fault === 'all-ignored' && legacy) return handle(sim, { ...request, body: withoutAll(request.body) });
    if (fault === 'legacy-200' && legacy) {
      const answer = handle(sim, request);
      if (answer.status !== 202) return answer;
      const headers = Object.fromEntries(Object.entries(answer.headers).filter(([name]) => name !== 'location'));
      return { ...answer, status: 200, headers };
    }
    if (fault === 'cancel-ends-nothing') {
      // The call's media is hidden from the cancel, then put back as it was.
      const call = sim.getCall(parsed.callId);
      if (!call) return handle(sim, request);
      const { runningOperationId, queuedOperationIds } = call;
      delete call.runningOperationId;
      call.queuedOperationIds = [];
      try {
        return handle(sim, request);
      } finally {
        if (runningOperationId !== undefined) call.runningOperationId = runningOperationId;
        call.queuedOperationIds = [...queuedOperationIds, ...call.queuedOperationIds];
      }
    }
    return handle(sim, request);
  };
}

/** The notifications as the faulty console sends them. */
export function faultyNotifications(fault: MockFault, notifications: OutgoingNotification[]): OutgoingNotification[] {
  if (fault !== 'wrong-subcode') return notifications;
  return notifications.map((notification) => ({ ...notification, body: JSON.parse(JSON.stringify(notification.body).replaceAll('"subcode":8508', '"subcode":8509')) as OutgoingNotification['body'] }));
}

function withoutAll(body: string): string {
  try {
    const parsed = JSON.parse(body) as Record<string, unknown>;
    delete parsed.all;
    return JSON.stringify(parsed);
  } catch {
    return body;
  }
}

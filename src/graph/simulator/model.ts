/** The simulator's state: plain, serialisable data so a host can persist and restore it. */

export type MediaKind = 'playPrompt' | 'recordResponse' | 'subscribeToTone';
export type OperationKind = MediaKind | 'cancelMediaProcessing';
export type CallState = 'establishing' | 'established' | 'terminated';
/** Graph reports in the shape of the API the bot last used on the call. */
export type NotificationStyle = 'current' | 'legacy';

export interface SimUser {
  id: string;
  displayName: string;
  mail: string;
  jobTitle: string;
}

export interface SimParticipant {
  id: string;
  displayName: string;
  userId?: string;
}

export interface SimCall {
  id: string;
  label: string;
  state: CallState;
  callbackUri: string;
  participants: SimParticipant[];
  /** The media operation playing now, if any. */
  runningOperationId?: string;
  /** Media operations waiting their turn, first to run first. */
  queuedOperationIds: string[];
  /** subscribeToTone runs beside the queue and is never cancelled. */
  toneOperationIds: string[];
  notificationStyle: NotificationStyle;
}

export interface SimOperation {
  id: string;
  callId: string;
  kind: OperationKind;
  clientContext: string;
  status: 'notStarted' | 'running' | 'completed' | 'failed';
  /** How long it runs once started (ms of virtual time). */
  durationMs: number;
  createdAt: number;
  startedAt?: number;
  endedAt?: number;
  completionReason?: string;
}

/** A notification Graph would POST to the call's callback URL. */
export interface OutgoingNotification {
  callbackUri: string;
  at: number;
  body: { value: Record<string, unknown>[] };
}

export interface SimState {
  seed: number;
  /** Virtual time in epoch milliseconds. */
  now: number;
  random: number;
  users: SimUser[];
  calls: SimCall[];
  operations: Record<string, SimOperation>;
  outbox: OutgoingNotification[];
}

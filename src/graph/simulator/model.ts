/** The simulator's state: plain, serialisable data so a host can persist and restore it. */
import type { ProfileId } from '../profiles';

export type MediaKind = 'playPrompt' | 'recordResponse' | 'subscribeToTone';
export type OperationKind = MediaKind | 'cancelMediaProcessing';
export type CallState = 'establishing' | 'established' | 'terminated';
/**
 * Graph reports in the wire format of the API version the bot last used on the
 * call: v1.0, today's beta (adds completionReason) or the 2018 beta (its own shapes).
 */
export type WireVersion = ProfileId;

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
  wireVersion: WireVersion;
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
  /** The prompts a playPrompt was given (the 2018 playPromptOperation echoes them). */
  prompts?: unknown[];
  /** Bumped on every change, for `@odata.etag`. Absent in saves from before it existed: read as 1. */
  revision?: number;
}

/** A notification Graph would POST to the call's callback URL. */
export interface OutgoingNotification {
  callbackUri: string;
  at: number;
  body: NotificationBody;
}

/** A commsNotifications body as the simulator writes it. */
export interface NotificationBody {
  '@odata.type': '#microsoft.graph.commsNotifications';
  value: Record<string, unknown>[];
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

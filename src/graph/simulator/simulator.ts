/**
 * The one model of how Graph runs media on a call. msw drives it in the browser
 * (mock mode) and the fake Graph drives it in Node (live-mode tests). It keeps
 * virtual time: hosts advance it, in real time or step by step in tests.
 */
import { seededGuid } from '../ids';
import type { KnownCall } from '../console';
import type { MediaKind, OutgoingNotification, SimCall, SimOperation, SimState, SimUser, WireVersion } from './model';
import { legacyCancelCompletedNotification, operationEndedNotification } from './notifications';
import { seedState } from './seed';

export const DEFAULT_SEED = 2018;
export const DEFAULT_CALLBACK_URI = 'https://bot.contoso.example/api/calls';

export interface CreateOptions {
  seed?: number;
  now: number;
  callbackUri?: string;
}

export interface StartMediaOptions {
  clientContext: string;
  durationMs: number;
  /** The API version the request came through: later notifications on the call use its wire format. */
  version: WireVersion;
  /** A playPrompt's prompts, as given. */
  prompts?: unknown[];
}

export interface CancelOptions {
  /** false: only the running operation (the 2018 beta's `all: false`). */
  all: boolean;
  clientContext: string;
  version: WireVersion;
}

export class CallSimulator {
  private constructor(private state: SimState) {}

  static create({ seed = DEFAULT_SEED, now, callbackUri = DEFAULT_CALLBACK_URI }: CreateOptions): CallSimulator {
    return new CallSimulator(seedState({ seed, now, callbackUri }));
  }

  static restore(state: SimState): CallSimulator {
    const copy = structuredClone(state);
    for (const call of copy.calls) migrateWireVersion(call);
    return new CallSimulator(copy);
  }

  /** A copy of the whole state, for persisting. */
  snapshot(): SimState {
    return structuredClone(this.state);
  }

  get now(): number {
    return this.state.now;
  }

  newGuid(): string {
    const drawn = seededGuid(this.state.random);
    this.state.random = drawn.state;
    return drawn.guid;
  }

  getCall(callId: string): SimCall | undefined {
    return this.state.calls.find((call) => call.id.toLowerCase() === callId.toLowerCase());
  }

  getUser(userId: string): SimUser | undefined {
    return this.state.users.find((user) => user.id.toLowerCase() === userId.toLowerCase());
  }

  getOperation(operationId: string): SimOperation | undefined {
    return this.state.operations[operationId];
  }

  /** Points every call's notifications at a new callback URL (the fake Graph uses the console's). */
  setCallbackUri(callbackUri: string): void {
    for (const call of this.state.calls) call.callbackUri = callbackUri;
  }

  knownCalls(): KnownCall[] {
    return this.state.calls.map((call) => {
      const running = call.runningOperationId ? this.state.operations[call.runningOperationId] : undefined;
      const known: KnownCall = {
        id: call.id,
        label: call.label,
        state: call.state,
        participants: call.participants.map((p) => ({ ...p })),
        queuedMedia: call.queuedOperationIds.length,
      };
      if (running) known.runningMedia = running.kind;
      return known;
    });
  }

  /** Runs the clock forward, ending and starting media operations on the way. */
  advanceTo(time: number): void {
    for (;;) {
      const next = this.nextEnding(time);
      if (!next) break;
      this.state.now = next.endsAt;
      this.finish(next.call, next.operation, 'completed');
      this.startNext(next.call);
    }
    this.state.now = Math.max(this.state.now, time);
  }

  advanceBy(ms: number): void {
    this.advanceTo(this.state.now + ms);
  }

  /** Whether takeNotifications would hand out any. */
  get hasNotificationsDue(): boolean {
    return this.state.outbox.length > 0;
  }

  /** Notifications due so far, oldest first; each is handed out once. */
  takeNotifications(): OutgoingNotification[] {
    const due = this.state.outbox;
    this.state.outbox = [];
    return due;
  }

  startMedia(call: SimCall, kind: MediaKind, options: StartMediaOptions): SimOperation {
    call.wireVersion = options.version;
    const operation = this.addOperation(call, kind, options.clientContext, options.durationMs);
    if (options.prompts) operation.prompts = options.prompts;
    if (kind === 'subscribeToTone') {
      // Graph answers a tone subscription as completed at once; tones then arrive as call updates.
      operation.status = 'completed';
      operation.startedAt = operation.endedAt = this.state.now;
      call.toneOperationIds.push(operation.id);
    } else if (call.runningOperationId === undefined) {
      this.start(call, operation);
    } else {
      call.queuedOperationIds.push(operation.id);
    }
    return operation;
  }

  /**
   * Cancels the running media operation and, with `all`, every queued one.
   * Tone subscriptions are never cancelled. Returns the cancel operation.
   */
  cancelMediaProcessing(call: SimCall, options: CancelOptions): SimOperation {
    call.wireVersion = options.version;
    const running = call.runningOperationId;
    const cancelled = [...(running ? [running] : []), ...(options.all ? call.queuedOperationIds : [])];
    call.runningOperationId = undefined;
    if (options.all) call.queuedOperationIds = [];
    for (const id of cancelled) {
      const operation = this.state.operations[id];
      if (operation) this.finish(call, operation, 'failed');
    }
    const cancel = this.addOperation(call, 'cancelMediaProcessing', options.clientContext, 0);
    cancel.status = 'completed';
    cancel.startedAt = cancel.endedAt = this.state.now;
    if (options.version === 'beta-2018') this.emit(call, legacyCancelCompletedNotification(call, cancel));
    this.startNext(call);
    return cancel;
  }

  private addOperation(call: SimCall, kind: SimOperation['kind'], clientContext: string, durationMs: number): SimOperation {
    const operation: SimOperation = {
      id: this.newGuid(),
      callId: call.id,
      kind,
      clientContext,
      status: 'notStarted',
      durationMs,
      createdAt: this.state.now,
      revision: 1,
    };
    this.state.operations[operation.id] = operation;
    return operation;
  }

  private start(call: SimCall, operation: SimOperation): void {
    operation.status = 'running';
    operation.startedAt = this.state.now;
    operation.revision = (operation.revision ?? 1) + 1;
    call.runningOperationId = operation.id;
  }

  private startNext(call: SimCall): void {
    if (call.runningOperationId !== undefined) return;
    const nextId = call.queuedOperationIds.shift();
    const next = nextId ? this.state.operations[nextId] : undefined;
    if (next) this.start(call, next);
  }

  private finish(call: SimCall, operation: SimOperation, status: 'completed' | 'failed'): void {
    operation.status = status;
    operation.endedAt = this.state.now;
    operation.revision = (operation.revision ?? 1) + 1;
    if (operation.kind === 'recordResponse') {
      operation.completionReason = status === 'failed' ? 'operationCanceled' : 'maxRecordDurationReached';
    }
    if (call.runningOperationId === operation.id) call.runningOperationId = undefined;
    this.emit(call, operationEndedNotification(call, operation));
  }

  private emit(call: SimCall, body: OutgoingNotification['body']): void {
    this.state.outbox.push({ callbackUri: call.callbackUri, at: this.state.now, body });
  }

  private nextEnding(limit: number): { call: SimCall; operation: SimOperation; endsAt: number } | undefined {
    let earliest: { call: SimCall; operation: SimOperation; endsAt: number } | undefined;
    for (const call of this.state.calls) {
      const operation = call.runningOperationId ? this.state.operations[call.runningOperationId] : undefined;
      if (!operation || operation.startedAt === undefined) continue;
      const endsAt = operation.startedAt + operation.durationMs;
      if (endsAt <= limit && (!earliest || endsAt < earliest.endsAt)) earliest = { call, operation, endsAt };
    }
    return earliest;
  }
}

/** Saves from before per-version wire formats said 'current' (v1.0's shape) or 'legacy' (the 2018 beta's). */
function migrateWireVersion(call: SimCall & { notificationStyle?: string }): void {
  if (call.notificationStyle === undefined) return;
  call.wireVersion = call.notificationStyle === 'legacy' ? 'beta-2018' : 'v1.0';
  delete call.notificationStyle;
}

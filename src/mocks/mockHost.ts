/**
 * The simulator as mock mode runs it, on the real clock: one world in
 * IndexedDB shared by every tab of the console (mockWorld.ts), a relay log
 * numbered like the server's store (relayLog.ts), and a channel to the other
 * tabs (worldChannel.ts) so each shows the notifications any of them caused.
 * A Graph answer and a notification go out only once the change behind them
 * is stored.
 */
import type { RelayNotification } from '../graph/schemas';
import { handleGraphRequest, type GraphHttpRequest, type GraphHttpResponse } from '../graph/simulator/http';
import type { CallSimulator } from '../graph/simulator/simulator';
import { faultyNotifications, isMockFault, MOCK_FAULT_KEY, MOCK_FAULTS, withFault, type MockFault } from './faults';
import type { HistoryDb } from './historyDb';
import { MockWorld, type WorldChange } from './mockWorld';
import { RelayLog } from './relayLog';
import { openWorldChannel, type WorldChannel, type WorldMessage } from './worldChannel';

const TICK_MS = 100;

type Listener = (message: RelayNotification) => void;

export class MockHost {
  private listeners = new Set<Listener>();
  private otherTabListeners = new Set<() => void>();
  private timer: number | undefined;
  private ticking = false;
  private channel: WorldChannel | undefined;
  /** Deliveries in the order they were heard, each after the one before. */
  private delivering: Promise<void> = Promise.resolve();

  private readonly handleRequest: (sim: CallSimulator, request: GraphHttpRequest) => GraphHttpResponse;

  private constructor(
    private readonly world: MockWorld,
    private readonly log: RelayLog,
    fault?: MockFault,
  ) {
    this.handleRequest = fault ? withFault(fault, handleGraphRequest) : handleGraphRequest;
  }

  static async load(db: HistoryDb): Promise<MockHost> {
    // Test-only (the mutation check): a named fault, set in localStorage before the page loads.
    const stored = localStorage.getItem(MOCK_FAULT_KEY);
    const fault = isMockFault(stored) ? stored : undefined;
    if (fault) console.warn(`Comms Console mock mode is deliberately faulty for a test: ${MOCK_FAULTS[fault]} (localStorage ${MOCK_FAULT_KEY}).`);
    const log = await RelayLog.open(db);
    const world = await MockWorld.open(db, Date.now, fault ? (taken) => faultyNotifications(fault, taken) : undefined);
    return new MockHost(world, log, fault);
  }

  get lastSeq(): number {
    return this.log.lastSeq;
  }

  /** This page's copy of the world, for reads. */
  get simulator(): CallSimulator {
    return this.world.simulator;
  }

  start(): void {
    this.channel = openWorldChannel((message) => this.hear(message));
    void this.tick();
    // Every tab keeps the clock: a hidden tab's timers slow down, and the tab in front must not wait for it.
    this.timer = window.setInterval(() => void this.tick(), TICK_MS);
  }

  stop(): void {
    window.clearInterval(this.timer);
    this.channel?.close();
  }

  async handle(request: GraphHttpRequest): Promise<GraphHttpResponse> {
    try {
      const change = await this.world.change(Date.now(), (sim) => this.handleRequest(sim, request));
      if (!change) throw new Error('a request always stores its outcome');
      this.publish(change);
      return change.result;
    } catch (error) {
      // IndexedDB fails with DOMExceptions (quota, an aborted transaction); anything else is a bug, and says so as one.
      if (!(error instanceof DOMException)) throw error;
      const reason = `${error.name}: ${error.message}`;
      // Graph's error shape, so the console explains it like any other failed request; nothing was changed.
      return {
        status: 503,
        headers: { 'content-type': 'application/json', 'retry-after': '1' },
        body: { error: { code: 'MockStorageUnavailable', message: `The simulated Graph could not store this change in the browser's IndexedDB (${reason}), so it did not make it. Send again; if it keeps failing, free some disk space or reload the page.` } },
      };
    }
  }

  /** New demo calls; relay numbering carries on so no seq ever repeats. */
  async reset(): Promise<void> {
    this.publish(await this.world.reset(Date.now()));
  }

  since(seq: number): Promise<RelayNotification[]> {
    return this.log.since(seq);
  }

  /** Sends a stored notification again to every relay client (of every tab), marked; undefined when none has that seq. */
  async redeliver(seq: number): Promise<{ clients: number } | undefined> {
    const stored = await this.log.get(seq);
    if (!stored) return undefined;
    const copy: RelayNotification = { ...stored, redelivered: true };
    this.channel?.redelivered(copy);
    for (const listener of this.listeners) listener(copy);
    return { clients: this.listeners.size };
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private async tick(): Promise<void> {
    if (this.ticking || !this.world.hasDue(Date.now())) return;
    this.ticking = true;
    try {
      const change = await this.world.change(Date.now(), () => undefined, { quiet: true });
      if (change) this.publish(change);
    } catch (error) {
      // Tried again on the next tick: the world reads its stored state afresh.
      console.error('Mock mode: the simulated calls could not be stored', error);
    } finally {
      this.ticking = false;
    }
  }

  /** A change is stored: this page's relay clients and the other tabs hear of it. */
  private publish(change: WorldChange<unknown>): void {
    this.channel?.changed(change.saved, change.sent);
    this.deliver(change.sent);
  }

  private hear(message: WorldMessage): void {
    if (message.type === 'redelivered') {
      for (const listener of this.listeners) listener(message.notification);
      return;
    }
    this.world.adopt(message.saved);
    this.deliver(message.sent);
    for (const listener of this.otherTabListeners) listener();
  }

  /** Another tab changed the world (perhaps silently: a prompt queued there sends no notification). */
  onOtherTabChange(listener: () => void): () => void {
    this.otherTabListeners.add(listener);
    return () => this.otherTabListeners.delete(listener);
  }

  /**
   * To this page's relay clients, in seq order. Changes from two tabs may be heard out of order:
   * when one skips ahead, what lies between is read from the log (it is stored before it is
   * announced) and sent first; a relay client ignores a seq it already has.
   */
  private deliver(sent: readonly RelayNotification[]): void {
    const first = sent[0];
    if (!first) return;
    this.delivering = this.delivering
      .then(async () => {
        const missed = first.seq > this.log.lastSeq + 1 ? await this.log.since(this.log.lastSeq) : [];
        for (const message of [...missed, ...sent]) {
          this.log.noteSeq(message.seq);
          for (const listener of this.listeners) listener(message);
        }
      })
      .catch((error: unknown) => console.error('Mock mode: notifications could not be read back from IndexedDB', error));
  }
}

/**
 * The simulator as mock mode runs it: one instance per page, on the real clock,
 * persisted to localStorage so a reload keeps the calls' state, with a log of
 * relay messages (in IndexedDB, see relayLog.ts) numbered like the server's
 * store numbers them.
 */
import type { RelayNotification } from '../graph/schemas';
import { handleGraphRequest, type GraphHttpRequest, type GraphHttpResponse } from '../graph/simulator/http';
import type { SimState } from '../graph/simulator/model';
import { CallSimulator } from '../graph/simulator/simulator';
import { faultyNotifications, isMockFault, MOCK_FAULT_KEY, MOCK_FAULTS, withFault, type MockFault } from './faults';
import type { HistoryDb } from './historyDb';
import { RelayLog } from './relayLog';

const SIMULATOR_KEY = 'comms-console.mock-simulator';
const TICK_MS = 100;

type Listener = (message: RelayNotification) => void;

export class MockHost {
  private listeners = new Set<Listener>();
  private timer: number | undefined;

  private readonly handleRequest: (sim: CallSimulator, request: GraphHttpRequest) => GraphHttpResponse;

  private constructor(
    private sim: CallSimulator,
    private log: RelayLog,
    private readonly fault?: MockFault,
  ) {
    this.handleRequest = fault ? withFault(fault, (target, request) => handleGraphRequest(target, request)) : (target, request) => handleGraphRequest(target, request);
  }

  static async load(db: HistoryDb): Promise<MockHost> {
    const saved = read<SimState>(SIMULATOR_KEY);
    const sim = saved ? CallSimulator.restore(saved) : CallSimulator.create({ now: Date.now() });
    // Test-only (the mutation check): a named fault, set in localStorage before the page loads.
    const fault = localStorage.getItem(MOCK_FAULT_KEY);
    if (isMockFault(fault)) console.warn(`Comms Console mock mode is deliberately faulty for a test: ${MOCK_FAULTS[fault]} (localStorage ${MOCK_FAULT_KEY}).`);
    return new MockHost(sim, await RelayLog.open(db), isMockFault(fault) ? fault : undefined);
  }

  get lastSeq(): number {
    return this.log.lastSeq;
  }

  get simulator(): CallSimulator {
    return this.sim;
  }

  start(): void {
    this.tick();
    this.timer = window.setInterval(() => this.tick(), TICK_MS);
  }

  stop(): void {
    window.clearInterval(this.timer);
  }

  handle(request: GraphHttpRequest): GraphHttpResponse {
    this.sim.advanceTo(Date.now());
    const answer = this.handleRequest(this.sim, request);
    this.deliver();
    this.save();
    return answer;
  }

  /** New demo calls; relay numbering carries on so no seq ever repeats. */
  reset(): void {
    this.sim = CallSimulator.create({ now: Date.now() });
    this.save();
  }

  since(seq: number): Promise<RelayNotification[]> {
    return this.log.since(seq);
  }

  /** Sends a stored notification again to every relay client, marked; undefined when none has that seq. */
  async redeliver(seq: number): Promise<{ clients: number } | undefined> {
    const stored = await this.log.get(seq);
    if (!stored) return undefined;
    const copy: RelayNotification = { ...stored, redelivered: true };
    for (const listener of this.listeners) listener(copy);
    return { clients: this.listeners.size };
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private tick(): void {
    this.sim.advanceTo(Date.now());
    if (this.deliver()) this.save();
  }

  private deliver(): boolean {
    const taken = this.sim.takeNotifications();
    const due = this.fault ? faultyNotifications(this.fault, taken) : taken;
    for (const notification of due) {
      const message = this.log.append({ receivedAt: new Date(notification.at).toISOString(), verified: false, source: 'simulator', body: notification.body });
      for (const listener of this.listeners) listener(message);
    }
    return due.length > 0;
  }

  private save(): void {
    localStorage.setItem(SIMULATOR_KEY, JSON.stringify(this.sim.snapshot()));
  }
}

function read<T>(key: string): T | undefined {
  const text = localStorage.getItem(key);
  if (!text) return undefined;
  try {
    return JSON.parse(text) as T;
  } catch {
    // A corrupt save should not stop the console: start fresh.
    return undefined;
  }
}

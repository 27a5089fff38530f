/**
 * The simulator as mock mode runs it: one instance per page, on the real clock,
 * persisted to localStorage so a reload keeps the calls' state, with a log of
 * relay messages numbered like the server's store numbers them.
 */
import type { RelayNotification } from '../graph/schemas';
import { handleGraphRequest, type GraphHttpRequest, type GraphHttpResponse } from '../graph/simulator/http';
import type { SimState } from '../graph/simulator/model';
import { CallSimulator } from '../graph/simulator/simulator';

const SIMULATOR_KEY = 'comms-console.mock-simulator';
const RELAY_KEY = 'comms-console.mock-relay';
const TICK_MS = 100;
/** Enough history for a reconnect or a reload to resume; older entries are in the timeline already. */
const MAX_LOG = 2_000;

interface RelayLog {
  lastSeq: number;
  entries: RelayNotification[];
}

type Listener = (message: RelayNotification) => void;

export class MockHost {
  private listeners = new Set<Listener>();
  private timer: number | undefined;

  private constructor(
    private sim: CallSimulator,
    private log: RelayLog,
  ) {}

  static load(): MockHost {
    const saved = read<SimState>(SIMULATOR_KEY);
    const sim = saved ? CallSimulator.restore(saved) : CallSimulator.create({ now: Date.now() });
    const log = read<RelayLog>(RELAY_KEY) ?? { lastSeq: 0, entries: [] };
    return new MockHost(sim, log);
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
    const answer = handleGraphRequest(this.sim, request);
    this.deliver();
    this.save();
    return answer;
  }

  /** New demo calls; relay numbering carries on so no seq ever repeats. */
  reset(): void {
    this.sim = CallSimulator.create({ now: Date.now() });
    this.save();
  }

  since(seq: number): RelayNotification[] {
    return this.log.entries.filter((entry) => entry.seq > seq);
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
    const due = this.sim.takeNotifications();
    for (const notification of due) {
      this.log.lastSeq += 1;
      const message: RelayNotification = {
        type: 'notification',
        seq: this.log.lastSeq,
        receivedAt: new Date(notification.at).toISOString(),
        verified: false,
        source: 'simulator',
        body: notification.body,
      };
      this.log.entries.push(message);
      for (const listener of this.listeners) listener(message);
    }
    if (this.log.entries.length > MAX_LOG) this.log.entries = this.log.entries.slice(-MAX_LOG);
    return due.length > 0;
  }

  private save(): void {
    localStorage.setItem(SIMULATOR_KEY, JSON.stringify(this.sim.snapshot()));
    localStorage.setItem(RELAY_KEY, JSON.stringify(this.log));
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

/**
 * Graph's clock and mail carrier: runs the simulator in real time and POSTs
 * every notification it emits to the call's callback, signed, one at a time
 * and in order, so a test sees them in the order the simulator made them.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { CallSimulator } from '../../src/graph/simulator/simulator';
import type { OutgoingNotification } from '../../src/graph/simulator/model';

export interface NotificationDelivery {
  url: string;
  body: OutgoingNotification['body'];
  /** The callback's HTTP status, or 'dropped' when it could not be reached. */
  status: number | 'dropped';
}

export interface NotifierOptions {
  simulator: CallSimulator;
  tickMs: number;
  signToken: () => Promise<string>;
  /** Problems (dropped notifications, refusals) and, with verbose, every delivery. */
  log: (line: string) => void;
  verbose: boolean;
}

/** Network errors are retried this many times with doubling waits, then the notification is dropped. */
const RETRIES = 3;
const FIRST_BACKOFF_MS = 100;
/** A callback that never answers must not stall every later notification. */
const ATTEMPT_TIMEOUT_MS = 5_000;

export class Notifier {
  readonly deliveries: NotificationDelivery[] = [];
  private chain: Promise<void> = Promise.resolve();
  private readonly stopping = new AbortController();
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly options: NotifierOptions) {
    this.timer = setInterval(() => this.pump(), options.tickMs);
    // The server keeps a process alive; the ticker alone should not.
    this.timer.unref();
  }

  /** Brings the simulator to the wall clock and queues whatever it has to say. */
  pump(): void {
    if (this.stopping.signal.aborted) return;
    this.options.simulator.advanceTo(Date.now());
    for (const notification of this.options.simulator.takeNotifications()) {
      this.chain = this.chain.then(() => this.deliver(notification));
    }
  }

  /** Resolves once every notification due by now has been delivered or dropped. */
  settled(): Promise<void> {
    this.pump();
    return this.chain;
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.stopping.abort();
    await this.chain;
  }

  private async deliver(notification: OutgoingNotification): Promise<void> {
    const { log, verbose } = this.options;
    const url = notification.callbackUri;
    for (let attempt = 0; ; attempt += 1) {
      if (this.stopping.signal.aborted) return;
      try {
        const response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${await this.options.signToken()}` },
          body: JSON.stringify(notification.body),
          signal: AbortSignal.any([this.stopping.signal, AbortSignal.timeout(ATTEMPT_TIMEOUT_MS)]),
        });
        await response.arrayBuffer(); // drain, so the connection is reused
        this.deliveries.push({ url, body: notification.body, status: response.status });
        if (!response.ok || verbose) log(`notification to ${url} answered ${response.status}`);
        return;
      } catch (error) {
        if (this.stopping.signal.aborted) return;
        if (attempt >= RETRIES) {
          this.deliveries.push({ url, body: notification.body, status: 'dropped' });
          log(`notification to ${url} dropped after ${attempt + 1} attempts: ${describe(error)}`);
          return;
        }
        await sleep(FIRST_BACKOFF_MS * 2 ** attempt, undefined, { signal: this.stopping.signal }).catch(() => undefined);
      }
    }
  }
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? `: ${(error.cause as NodeJS.ErrnoException).code ?? error.cause.message}` : '';
  return `${error.message}${cause}`;
}

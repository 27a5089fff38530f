/**
 * The simulated world of mock mode: the calls' state and the notifications it
 * sent, kept together in IndexedDB. Every change is one read-write transaction
 * that reads the stored world, applies the change and stores the new state with
 * the numbered notifications, all or nothing. IndexedDB runs such transactions
 * one at a time, across tabs too, so every tab of the console changes one world
 * in turn; and nothing is answered or shown before the change is stored, so a
 * reload at any moment finds what the page showed.
 *
 * Each page keeps a copy of the world in memory for reads (which calls exist,
 * what is due); `revision` tells it when another tab changed the stored one.
 */
import type { RelayNotification } from '../graph/schemas';
import type { OutgoingNotification, SimState } from '../graph/simulator/model';
import { CallSimulator } from '../graph/simulator/simulator';
import { WORLD_STORES, type HistoryDb, type SavedWorld } from './historyDb';
import { storeNotifications } from './relayLog';

const WORLD_KEY = 'simulator';
/** Where mock mode saved the simulator before IndexedDB; moved over once, then removed. */
const LEGACY_LOCAL_STORAGE_KEY = 'comms-console.mock-simulator';

export interface WorldChange<T> {
  result: T;
  /** The notifications the change sent, numbered and stored. */
  sent: RelayNotification[];
  /** The world as stored after the change, for other tabs to adopt. */
  saved: SavedWorld;
}

interface Step<T> {
  result: T;
  /** A new world instead of the current one (a reset). */
  replaceWith?: CallSimulator;
}

export class MockWorld {
  private constructor(
    private readonly db: HistoryDb,
    private sim: CallSimulator,
    /** The stored revision `sim` is a copy of; -1 when it may not match any (a change failed halfway). */
    private revision: number,
    /** What leaves the world of what the simulator sent: all of it, but for a deliberate test fault. */
    private readonly sendOut: (taken: OutgoingNotification[]) => OutgoingNotification[],
  ) {}

  /** The stored world, or (first visit) the localStorage save of older versions, or new demo calls. */
  static async open(
    db: HistoryDb,
    now: () => number = Date.now,
    sendOut: (taken: OutgoingNotification[]) => OutgoingNotification[] = (taken) => taken,
  ): Promise<MockWorld> {
    const tx = db.transaction('world', 'readwrite');
    let saved = await tx.store.get(WORLD_KEY);
    if (!saved) {
      const legacy = readLegacySave();
      saved = { revision: 1, state: legacy ?? CallSimulator.create({ now: now() }).snapshot() };
      await tx.store.put(saved, WORLD_KEY);
    }
    await tx.done;
    globalThis.localStorage?.removeItem(LEGACY_LOCAL_STORAGE_KEY);
    return new MockWorld(db, CallSimulator.restore(saved.state), saved.revision, sendOut);
  }

  /** This page's copy: current as of the last change this page made or heard of. Read it, do not change it. */
  get simulator(): CallSimulator {
    return this.sim;
  }

  /** Whether the clock has made something happen that is not stored yet (as far as this copy knows). */
  hasDue(now: number): boolean {
    this.sim.advanceTo(now);
    return this.sim.hasNotificationsDue || this.revision < 0;
  }

  /** Another tab stored this world: take it as this page's copy if it is newer. */
  adopt(saved: SavedWorld): void {
    if (saved.revision <= this.revision) return;
    this.sim = CallSimulator.restore(saved.state);
    this.revision = saved.revision;
  }

  /**
   * Runs `operation` on the stored world at `now` and stores the outcome with the notifications it sent.
   * `quiet`: store only if it sent something (the clock ticking, a read).
   */
  change<T>(now: number, operation: (sim: CallSimulator) => T, options: { quiet?: boolean } = {}): Promise<WorldChange<T> | undefined> {
    return this.transact(now, (sim) => ({ result: operation(sim) }), options.quiet ?? false);
  }

  /** New demo calls. The relay's numbering carries on, so no seq ever repeats. */
  async reset(now: number): Promise<WorldChange<undefined>> {
    const change = await this.transact(now, () => ({ result: undefined, replaceWith: CallSimulator.create({ now }) }), false);
    if (!change) throw new Error('a reset always stores a world');
    return change;
  }

  private async transact<T>(now: number, step: (sim: CallSimulator) => Step<T>, quiet: boolean): Promise<WorldChange<T> | undefined> {
    const tx = this.db.transaction(WORLD_STORES, 'readwrite');
    try {
      const stored = await tx.objectStore('world').get(WORLD_KEY);
      if (stored && stored.revision !== this.revision) {
        this.sim = CallSimulator.restore(stored.state);
        this.revision = stored.revision;
      }
      this.sim.advanceTo(now);
      const { result, replaceWith } = step(this.sim);
      const due = this.sendOut(this.sim.takeNotifications());
      if (replaceWith) this.sim = replaceWith;
      if (quiet && due.length === 0 && !replaceWith) {
        await tx.done;
        return undefined;
      }
      const sent = await storeNotifications(
        tx,
        due.map((notification) => ({ receivedAt: new Date(notification.at).toISOString(), verified: false, source: 'simulator', body: notification.body })),
      );
      const saved: SavedWorld = { revision: (stored?.revision ?? 0) + 1, state: this.sim.snapshot() };
      await tx.objectStore('world').put(saved, WORLD_KEY);
      await tx.done;
      this.revision = saved.revision;
      return { result, sent, saved };
    } catch (error) {
      // All or nothing: whatever the transaction wrote before the failure is undone.
      tx.done.catch(() => undefined);
      try {
        tx.abort();
      } catch {
        // It had already ended: there is nothing to undo.
      }
      // The copy in memory may hold what was not stored: read the stored world again next time.
      this.revision = -1;
      throw error;
    }
  }
}

function readLegacySave(): SimState | undefined {
  const text = globalThis.localStorage?.getItem(LEGACY_LOCAL_STORAGE_KEY);
  if (!text) return undefined;
  try {
    return JSON.parse(text) as SimState;
  } catch {
    // A corrupt save should not stop the console: start with new demo calls.
    return undefined;
  }
}

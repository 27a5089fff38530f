/**
 * The simulated world of mock mode over IndexedDB (fake-indexeddb in Node):
 * two tabs change one world in turn and never hand out a seq twice, a page
 * opened later finds exactly what was stored, a failed change leaves nothing
 * behind, and the simulator save of older versions is moved over once.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import type { CallSimulator } from '../graph/simulator/simulator';
import { openHistoryDb, type HistoryDb } from './historyDb';
import { MockWorld } from './mockWorld';
import { RelayLog } from './relayLog';

const T0 = Date.parse('2026-03-01T10:00:00.000Z');
let dbCount = 0;
const opened: HistoryDb[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
  Reflect.deleteProperty(globalThis, 'localStorage');
});

/** One tab: its own connection to the shared database. */
async function openTab(name: string) {
  const db = await openHistoryDb(name);
  opened.push(db);
  return { db, world: await MockWorld.open(db, () => T0) };
}

const salesCall = (sim: CallSimulator) => {
  const call = sim.getCall(sim.knownCalls()[1]?.id ?? '');
  if (!call) throw new Error('no demo call');
  return call;
};
const playPrompt = (clientContext: string) => (sim: CallSimulator) => sim.startMedia(salesCall(sim), 'playPrompt', { clientContext, durationMs: 1_000, version: 'v1.0' }).id;
const cancelAll = (clientContext: string) => (sim: CallSimulator) => sim.cancelMediaProcessing(salesCall(sim), { all: true, clientContext, version: 'v1.0' }).id;

describe('the mock world', () => {
  it('is one world for two tabs: each change starts from the other’s, and seqs never repeat', async () => {
    const name = `mock-world-test-${(dbCount += 1)}`;
    const first = await openTab(name);
    const second = await openTab(name);

    const prompt = await first.world.change(T0 + 10, playPrompt('from-the-first-tab'));
    const queued = await second.world.change(T0 + 20, playPrompt('from-the-second-tab'));
    // The second tab never heard of the first one's prompt, yet its change was made on top of it.
    const cancel = await second.world.change(T0 + 30, cancelAll('cancel-both'));
    expect(cancel?.sent.map((notification) => notification.seq)).toEqual([1, 2]);
    const ended = cancel?.sent.flatMap((notification) => (notification.body as { value: { resourceData: { id: string } }[] }).value.map((item) => item.resourceData.id));
    expect(ended).toEqual([prompt?.result, queued?.result]);

    // The first tab's next change starts from what the second stored: nothing left to cancel.
    const again = await first.world.change(T0 + 40, cancelAll('nothing-left'));
    expect(again?.sent).toEqual([]);
    expect(first.world.simulator.getOperation(prompt?.result ?? '')?.status).toBe('failed');

    const log = await RelayLog.open(first.db);
    expect(log.lastSeq).toBe(2);
    expect((await log.since(0)).map((notification) => notification.seq)).toEqual([1, 2]);
  });

  it('stores the clock’s notifications once, whichever tab ticks first', async () => {
    const name = `mock-world-test-${(dbCount += 1)}`;
    const first = await openTab(name);
    const second = await openTab(name);
    const prompt = await first.world.change(T0, playPrompt('ends-by-itself'));
    if (prompt) second.world.adopt(prompt.saved);

    const later = T0 + 5_000;
    expect(first.world.hasDue(later)).toBe(true);
    expect(second.world.hasDue(later)).toBe(true);
    const [a, b] = await Promise.all([first.world.change(later, () => undefined, { quiet: true }), second.world.change(later, () => undefined, { quiet: true })]);
    expect([...(a?.sent ?? []), ...(b?.sent ?? [])].map((notification) => notification.seq)).toEqual([1]);
    expect(first.world.hasDue(later)).toBe(false);
  });

  it('a page opened later finds the world as stored; a change that fails leaves nothing behind', async () => {
    const name = `mock-world-test-${(dbCount += 1)}`;
    const tab = await openTab(name);
    const prompt = await tab.world.change(T0, playPrompt('kept'));
    await expect(
      tab.world.change(T0 + 1, (sim) => {
        cancelAll('half-done')(sim);
        throw new Error('the change broke halfway');
      }),
    ).rejects.toThrow('the change broke halfway');

    const reloaded = await openTab(name);
    expect(reloaded.world.simulator.getOperation(prompt?.result ?? '')?.status).toBe('running');
    expect(await (await RelayLog.open(reloaded.db)).since(0)).toEqual([]);
    // The tab whose change failed reads the stored world again before its next one.
    expect(tab.world.hasDue(T0 + 2)).toBe(true);
    const cancel = await tab.world.change(T0 + 2, cancelAll('after-the-failure'));
    expect(cancel?.sent.map((notification) => notification.seq)).toEqual([1]);
  });

  it('moves the simulator save older versions kept in localStorage over, once', async () => {
    const donor = await openTab(`mock-world-test-${(dbCount += 1)}`);
    await donor.world.change(T0, playPrompt('from-localStorage'));
    const items = new Map([['comms-console.mock-simulator', JSON.stringify(donor.world.simulator.snapshot())]]);
    Object.assign(globalThis, { localStorage: { getItem: (key: string) => items.get(key) ?? null, removeItem: (key: string) => items.delete(key) } });

    const tab = await openTab(`mock-world-test-${(dbCount += 1)}`);
    expect(tab.world.simulator.knownCalls()[1]?.runningMedia).toBe('playPrompt');
    expect(items.size).toBe(0);
  });
});

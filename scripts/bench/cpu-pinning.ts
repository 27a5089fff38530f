/**
 * Keeps the load generator and the servers it measures off each other's core
 * (Linux `taskset`, 2 cores or more): on a 2-core machine an unpinned bench
 * process takes CPU from whichever server it is loading, and the figures
 * say more about the scheduler than about the server. Where taskset is
 * missing or refuses, nothing is pinned and the bench runs all the same.
 */
import { execFileSync } from 'node:child_process';
import { cpus } from 'node:os';

const BENCH_CORE = '0';
const SERVER_CORE = '1';
const canPin = process.platform === 'linux' && cpus().length >= 2;

function taskset(core: string, pid: number): void {
  if (!canPin) return;
  try {
    // -a: every thread of the process (V8's helpers too); threads made later inherit it.
    execFileSync('taskset', ['-a', '-c', '-p', core, String(pid)], { stdio: 'ignore' });
  } catch {
    // Not pinned: a noisier figure, not a failed bench.
  }
}

/** A server under measurement: on the server core. */
export function pinToServerCore(pid: number): void {
  taskset(SERVER_CORE, pid);
}

/** This process on its own core while `run` lasts, then back on every core. */
export async function withBenchPinned<T>(run: () => Promise<T>): Promise<T> {
  taskset(BENCH_CORE, process.pid);
  try {
    return await run();
  } finally {
    taskset(`0-${cpus().length - 1}`, process.pid);
  }
}

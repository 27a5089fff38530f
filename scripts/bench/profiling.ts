import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** With BENCH_PROF set, a benchmarked console writes a CPU profile to the system's temp folder. */
export function profilingArgs(): { nodeArgs?: string[] } {
  return process.env.BENCH_PROF ? { nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${join(tmpdir(), 'bench-prof')}`] } : {};
}

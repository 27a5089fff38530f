/** Resident memory of another process, sampled while a test runs (Linux /proc, else `ps`). */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

export function residentBytes(pid: number): number {
  const status = `/proc/${pid}/status`;
  if (existsSync(status)) {
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(status, 'utf8'));
    if (match?.[1]) return Number(match[1]) * 1024;
  }
  return Number(execFileSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' }).trim()) * 1024;
}

export interface MemorySampler {
  peak(): number;
  samples(): number;
  stop(): void;
}

/** Samples every `intervalMs` until stopped, keeping the peak. */
export function sampleResidentMemory(pid: number, intervalMs = 20): MemorySampler {
  let peak = residentBytes(pid);
  let count = 1;
  const timer = setInterval(() => {
    try {
      peak = Math.max(peak, residentBytes(pid));
      count += 1;
    } catch {
      // The process exited: the peak so far stands.
    }
  }, intervalMs);
  return {
    peak: () => peak,
    samples: () => count,
    stop: () => clearInterval(timer),
  };
}

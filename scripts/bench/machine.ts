/** The machine a bench ran on, for the table's heading: figures mean little without it. */
import { cpus, release, totalmem, type as osType } from 'node:os';

export interface Machine {
  cpu: string;
  cores: number;
  memoryGiB: number;
  node: string;
  os: string;
}

export function describeMachine(): Machine {
  const all = cpus();
  return {
    cpu: (all[0]?.model ?? 'unknown').replace(/\s+/g, ' ').trim(),
    cores: all.length,
    memoryGiB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    os: `${osType()} ${release()}`,
  };
}

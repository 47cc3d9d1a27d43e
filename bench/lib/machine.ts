import { readFileSync } from 'node:fs';
import { availableParallelism, totalmem } from 'node:os';

export interface MachineInfo {
  nproc: number;
  cpu_model: string;
  memory_gib: number;
  node: string;
  kernel: string;
}

/** The machine a run was measured on: `nproc`, the CPU model from /proc/cpuinfo, memory, Node. */
export function describeMachine(): MachineInfo {
  return {
    nproc: availableParallelism(),
    cpu_model: cpuModel(),
    memory_gib: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    kernel: readOr('/proc/sys/kernel/osrelease', 'unknown').trim(),
  };
}

function cpuModel(): string {
  const match = /^model name\s*:\s*(.+)$/m.exec(readOr('/proc/cpuinfo', ''));
  return match?.[1]?.trim() ?? 'unknown';
}

function readOr(path: string, fallback: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return fallback;
  }
}

import { readFileSync } from 'node:fs';

/**
 * CPU time (user + system) in ms from a `/proc/<pid>/stat` or `/proc/<pid>/task/<tid>/stat` file, which
 * reports it in USER_HZ (100) ticks; null when unreadable.
 */
export function procCpuTimeMs(statPath: string): number | null {
  try {
    const fields = readFileSync(statPath, 'utf8').split(') ')[1]?.split(' ') ?? [];
    const ticks = Number(fields[11]) + Number(fields[12]);
    return Number.isFinite(ticks) ? ticks * 10 : null;
  } catch {
    return null;
  }
}

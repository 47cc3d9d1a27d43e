import type Database from 'better-sqlite3';
import { latencyPercentiles } from '../percentile';

/**
 * Registers `latency_percentiles(x)`: an aggregate returning `[p50, p95, p99]` as JSON, computed with
 * `percentileCont` (PostgreSQL's percentile_cont definition). One pass per group, one sort per group.
 */
export function registerPercentileAggregate(db: Database.Database): void {
  db.aggregate('latency_percentiles', {
    start: (): number[] => [],
    step: (values: number[], value: unknown): void => {
      if (typeof value === 'number') values.push(value);
    },
    result: (values: number[]): string => JSON.stringify(latencyPercentiles(values)),
  });
}

export function parsePercentiles(json: unknown): { p50: unknown; p95: unknown; p99: unknown } {
  const [p50, p95, p99] = typeof json === 'string' ? (JSON.parse(json) as unknown[]) : [];
  return { p50, p95, p99 };
}

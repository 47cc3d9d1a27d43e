import { UsageQueryError } from '@app/usage';

const DAY_MS = 86_400_000;

export interface UsageTimeRange {
  from: Date;
  to: Date;
}

/**
 * The half-open range of a report: `to` defaults to now, `from` to 24 hours before `to`.
 * Throws a `validation_error` naming `to` when the range is inverted.
 */
export function usageTimeRange(
  from: string | undefined,
  to: string | undefined,
  now: number,
): UsageTimeRange {
  const end = to === undefined ? new Date(now) : new Date(to);
  const start = from === undefined ? new Date(end.getTime() - DAY_MS) : new Date(from);
  if (end.getTime() < start.getTime()) throw new UsageQueryError('to', 'to must not be before from');
  return { from: start, to: end };
}

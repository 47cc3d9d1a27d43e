import { UsageQueryError } from '@app/usage';

const DAY_MS = 86_400_000;

export interface UsageTimeRange {
  from: Date;
  to: Date;
}

/**
 * The forms `from`/`to` take: a calendar date (its UTC midnight) or a date-time with an optional offset.
 * Ordinal (`2025-002`), week (`2025-W01-1`) and basic (`20250101T…`) ISO-8601 forms are refused: `Date`
 * misreads or rejects them.
 */
export const REPORT_INSTANT =
  /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})?)?$/;

/** A date-time without an offset is UTC, like the date-only form (`Date` would take it as server time). */
function parseInstant(value: string): Date {
  const local = value.includes('T') && !/(?:Z|[+-]\d{2}:\d{2})$/.test(value);
  return new Date(local ? `${value}Z` : value);
}

/**
 * The half-open range of a report: `to` defaults to now, `from` to 24 hours before `to`.
 * Throws a `validation_error` when the range is inverted, naming `to`, or `from` when the caller sent
 * no `to` (a `from` in the future).
 */
export function usageTimeRange(
  from: string | undefined,
  to: string | undefined,
  now: number,
): UsageTimeRange {
  const end = to === undefined ? new Date(now) : parseInstant(to);
  const start = from === undefined ? new Date(end.getTime() - DAY_MS) : parseInstant(from);
  if (end.getTime() < start.getTime()) {
    if (to === undefined) {
      throw new UsageQueryError(
        'from',
        'from must not be in the future when to is not given (to defaults to now)',
      );
    }
    throw new UsageQueryError('to', 'to must not be before from');
  }
  return { from: start, to: end };
}

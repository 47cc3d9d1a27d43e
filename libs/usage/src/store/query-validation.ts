import { UsageQueryError } from './usage-query.error';
import { USAGE_GROUP_BYS, type UsageGroupBy } from './usage-query.types';

export const DEFAULT_PAGE_LIMIT = 100;
export const MAX_PAGE_LIMIT = 1000;

export interface TimeRange {
  from: number;
  to: number;
}

/** Epoch-ms bounds of a half-open range; rejects invalid dates and `to` before `from`. */
export function toTimeRange(from: Date, to: Date): TimeRange {
  const range = { from: from.getTime(), to: to.getTime() };
  if (Number.isNaN(range.from)) throw new UsageQueryError('from', 'from is not a valid date');
  if (Number.isNaN(range.to)) throw new UsageQueryError('to', 'to is not a valid date');
  if (range.to < range.from) throw new UsageQueryError('to', 'to must not be before from');
  return range;
}

export function toPageLimit(limit: number | undefined): number {
  const value = limit ?? DEFAULT_PAGE_LIMIT;
  if (!Number.isInteger(value) || value < 1 || value > MAX_PAGE_LIMIT) {
    throw new UsageQueryError('limit', `limit must be an integer between 1 and ${MAX_PAGE_LIMIT}`);
  }
  return value;
}

export function assertGroupBy(groupBy: string): asserts groupBy is UsageGroupBy {
  if (!(USAGE_GROUP_BYS as readonly string[]).includes(groupBy)) {
    throw new UsageQueryError('group_by', `group_by must be one of ${USAGE_GROUP_BYS.join(', ')}`);
  }
}

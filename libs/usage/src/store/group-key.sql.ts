import type { UsageGroupBy } from './usage-query.types';

/**
 * SQL expression of each group key, valid on both SQLite and PostgreSQL. `day` is the UTC day number
 * (integer division of epoch ms), formatted as YYYY-MM-DD by `toGroupKey`. Never built from user input.
 */
export const GROUP_KEY_SQL: Record<UsageGroupBy, string> = {
  model: 'model_id',
  family: 'family',
  tenant: 'tenant',
  route: 'route',
  status: 'status',
  day: 'ts / 86400000',
};

/** Statuses counted in `errors`. */
export const ERROR_STATUSES_SQL = "('error', 'denied')";

import type { UsageStatus } from '@app/bedrock';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { NoNul } from '../../common/http/no-nul.validator';
import { UsageRangeQuery } from './usage-range.query';

export const USAGE_STATUSES: readonly UsageStatus[] = ['success', 'error', 'client_closed', 'denied'];

/** Filters shared by `GET /usage/requests` and `GET /usage/export`. */
export class UsageRowsFilterQuery extends UsageRangeQuery {
  /** An alias or a model id; resolved to the normalised `model_id`. */
  @IsOptional()
  @IsString()
  @MaxLength(2048)
  @NoNul()
  model?: string;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  @NoNul()
  tenant?: string;

  @IsOptional()
  @IsIn(USAGE_STATUSES)
  status?: UsageStatus;
}

/** `GET /usage/requests`: newest first, keyset-paged. */
export class UsageRequestsQuery extends UsageRowsFilterQuery {
  @IsOptional()
  // Decimal digits only: Number() would also take `0x10` or `1e3`; anything else stays a string and fails.
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' && /^\d{1,7}$/.test(value) ? Number(value) : value,
  )
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  @NoNul()
  cursor?: string;
}

/** `GET /usage/export?format=csv`. */
export class UsageExportQuery extends UsageRowsFilterQuery {
  @IsIn(['csv'])
  format!: 'csv';
}

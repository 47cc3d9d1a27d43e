import { USAGE_GROUP_BYS, type UsageGroupBy } from '@app/usage';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { NoNul } from '../../common/http/no-nul.validator';
import { UsageRangeQuery } from './usage-range.query';

/** `GET /usage/me`: the caller's own tenant, so no tenant filter. */
export class UsageOwnSummaryQuery extends UsageRangeQuery {
  @IsOptional()
  @IsIn(USAGE_GROUP_BYS)
  group_by?: UsageGroupBy;
}

/** `GET /usage/summary`. */
export class UsageSummaryQuery extends UsageOwnSummaryQuery {
  @IsOptional()
  @IsString()
  @MaxLength(200)
  @NoNul()
  tenant?: string;
}

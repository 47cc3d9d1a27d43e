import { IsISO8601, IsOptional } from 'class-validator';

/** `from`/`to` of every usage report: ISO-8601, half-open; default the last 24 hours. */
export class UsageRangeQuery {
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  from?: string;

  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  to?: string;
}

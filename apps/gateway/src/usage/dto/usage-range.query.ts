import { IsISO8601, IsOptional, Matches } from 'class-validator';
import { REPORT_INSTANT } from '../usage-time-range';

const FORM = {
  message: '$property must be YYYY-MM-DD or YYYY-MM-DDThh:mm[:ss[.sss]][Z|±hh:mm] (UTC without an offset)',
};

/** `from`/`to` of every usage report: ISO-8601 calendar dates or date-times, half-open; default the last 24 hours. */
export class UsageRangeQuery {
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  @Matches(REPORT_INSTANT, FORM)
  from?: string;

  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  @Matches(REPORT_INSTANT, FORM)
  to?: string;
}

import type { UsageRequestsPage, UsageSummary } from '@app/usage';
import type { Principal } from '@app/governance';
import { ANONYMOUS_PRINCIPAL } from '@app/governance';
import { Controller, Get, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Readable } from 'node:stream';
import { AdminOnly, CurrentPrincipal } from '../common/auth/auth.decorators';
import { UsageExportQuery, UsageRequestsQuery } from './dto/usage-requests.query';
import { UsageOwnSummaryQuery, UsageSummaryQuery } from './dto/usage-summary.query';
import { UsageReportService } from './usage-report.service';

/** Usage analytics (API.md "Usage analytics"). */
@Controller('usage')
export class UsageController {
  constructor(private readonly reports: UsageReportService) {}

  @Get('summary')
  @AdminOnly('USAGE_PUBLIC')
  summary(@Query() query: UsageSummaryQuery): Promise<UsageSummary> {
    return this.reports.summary(query);
  }

  @Get('requests')
  @AdminOnly('USAGE_PUBLIC')
  requests(@Query() query: UsageRequestsQuery): Promise<UsageRequestsPage> {
    return this.reports.requests(query);
  }

  @Get('export')
  @AdminOnly('USAGE_PUBLIC')
  async export(
    @Query() query: UsageExportQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Readable> {
    const lines = await this.reports.exportCsv(query);
    void reply.headers({
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': 'attachment; filename="usage.csv"',
    });
    return Readable.from(lines);
  }

  /** Any key: its own tenant only. Without authentication the caller is the local anonymous tenant. */
  @Get('me')
  me(
    @Query() query: UsageOwnSummaryQuery,
    @CurrentPrincipal() principal: Principal | undefined,
  ): Promise<UsageSummary> {
    return this.reports.tenantSummary((principal ?? ANONYMOUS_PRINCIPAL).tenant.id, query);
  }
}

import type { UsageRequestsPage, UsageSummary } from '@app/usage';
import type { Principal } from '@app/governance';
import { ANONYMOUS_PRINCIPAL, GovernanceService } from '@app/governance';
import { Controller, Get, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Readable } from 'node:stream';
import { AdminOnly, CurrentPrincipal } from '../common/auth/auth.decorators';
import { RemainingBudget, remainingBudget } from '../governance/remaining-budget';
import { UsageExportQuery, UsageRequestsQuery } from './dto/usage-requests.query';
import { UsageOwnSummaryQuery, UsageSummaryQuery } from './dto/usage-summary.query';
import { UsageReportService } from './usage-report.service';

/** Usage analytics (API.md "Usage analytics"). */
@Controller('usage')
export class UsageController {
  constructor(
    private readonly reports: UsageReportService,
    private readonly governance: GovernanceService,
  ) {}

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

  /**
   * Any key: its own tenant only, with its remaining budget (`budget`, null without budgets).
   * Without authentication the caller is the local anonymous tenant.
   */
  @Get('me')
  async me(
    @Query() query: UsageOwnSummaryQuery,
    @CurrentPrincipal() principal: Principal | undefined,
  ): Promise<UsageSummary & { budget: RemainingBudget | null }> {
    const caller = principal ?? ANONYMOUS_PRINCIPAL;
    const [summary, budget] = await Promise.all([
      this.reports.tenantSummary(caller.tenant.id, query),
      remainingBudget(this.governance, caller),
    ]);
    return { ...summary, budget };
  }
}

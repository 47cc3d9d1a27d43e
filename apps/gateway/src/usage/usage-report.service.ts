import { ModelResolver } from '@app/bedrock';
import {
  decodeCursor,
  iterateRequests,
  toCsv,
  UsageStore,
  UsageStoreUnavailableError,
  type UsageRequestsPage,
  type UsageRequestsQuery as StoreRequestsQuery,
  type UsageSummary,
} from '@app/usage';
import { Injectable, Logger } from '@nestjs/common';
import type { UsageExportQuery, UsageRequestsQuery, UsageRowsFilterQuery } from './dto/usage-requests.query';
import type { UsageOwnSummaryQuery, UsageSummaryQuery } from './dto/usage-summary.query';
import { usageTimeRange } from './usage-time-range';

/**
 * Answers the `/usage/*` reports from the ledger's store. A store that cannot be reached or does not
 * answer in time fails the report with 503 `not_ready` (`UsageStoreUnavailableError`), logged here with
 * the server's address, which the answer leaves out.
 */
@Injectable()
export class UsageReportService {
  private readonly logger = new Logger('UsageReports');

  constructor(
    private readonly store: UsageStore,
    private readonly models: ModelResolver,
  ) {}

  summary(query: UsageSummaryQuery): Promise<UsageSummary> {
    return this.logged(
      this.store.summary({
        ...usageTimeRange(query.from, query.to, Date.now()),
        groupBy: query.group_by ?? 'model',
        tenant: query.tenant,
      }),
    );
  }

  /** One tenant's summary, whatever the query says. */
  tenantSummary(tenant: string, query: UsageOwnSummaryQuery): Promise<UsageSummary> {
    return this.summary({ from: query.from, to: query.to, group_by: query.group_by, tenant });
  }

  /** A later page keeps the range start of the first one when the query leaves `from` to its default. */
  requests(query: UsageRequestsQuery): Promise<UsageRequestsPage> {
    const keptFrom = query.cursor === undefined ? null : decodeCursor(query.cursor).from;
    const from = query.from ?? (keptFrom === null ? undefined : new Date(keptFrom).toISOString());
    return this.logged(
      this.store.requests({
        ...this.rowsFilter({ ...query, from }),
        limit: query.limit,
        cursor: query.cursor,
      }),
    );
  }

  /**
   * CSV lines of every matching row, newest first, paged through the store. The first page is read
   * before this resolves, so a bad query or a failing store still gets a proper error response.
   */
  async exportCsv(query: UsageExportQuery): Promise<AsyncIterable<string>> {
    const rows = iterateRequests(this.store, this.rowsFilter(query));
    const first = await this.logged(rows.next());
    return toCsv(prepend(first, rows));
  }

  private async logged<T>(report: Promise<T>): Promise<T> {
    try {
      return await report;
    } catch (error) {
      if (error instanceof UsageStoreUnavailableError)
        this.logger.warn(`usage report failed, answered 503 not_ready: ${error.reason}`);
      throw error;
    }
  }

  private rowsFilter(query: UsageRowsFilterQuery): Omit<StoreRequestsQuery, 'limit' | 'cursor'> {
    return {
      ...usageTimeRange(query.from, query.to, Date.now()),
      // Rows hold the normalised id: an alias, profile id or ARN is resolved as for a chat call.
      model: query.model === undefined ? undefined : this.models.resolve(query.model).baseModelId,
      tenant: query.tenant,
      status: query.status,
    };
  }
}

async function* prepend<T>(first: IteratorResult<T>, rest: AsyncIterator<T>): AsyncGenerator<T> {
  for (let next = first; next.done !== true; next = await rest.next()) yield next.value;
}

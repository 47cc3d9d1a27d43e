import type { UsageRequestsQuery, UsageRow } from '../store/usage-query.types';
import type { UsageStore } from '../store/usage-store';

/** Every row of a requests query, newest first, fetched page by page (keyset), for exports. */
export async function* iterateRequests(
  store: UsageStore,
  query: Omit<UsageRequestsQuery, 'cursor' | 'limit'>,
  pageSize = 1000,
): AsyncGenerator<UsageRow> {
  let cursor: string | undefined;
  do {
    const page = await store.requests({ ...query, limit: pageSize, cursor });
    yield* page.rows;
    cursor = page.next_cursor ?? undefined;
  } while (cursor !== undefined);
}

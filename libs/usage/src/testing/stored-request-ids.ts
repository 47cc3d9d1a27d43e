import type { UsageStore } from '../store/usage-store';

/** Every request id the store holds, paging through `requests`. */
export async function storedRequestIds(store: UsageStore): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.requests({ from: new Date(0), to: new Date(8.64e15), limit: 1000, cursor });
    ids.push(...page.rows.map((row) => row.request_id));
    cursor = page.next_cursor ?? undefined;
  } while (cursor !== undefined);
  return ids;
}

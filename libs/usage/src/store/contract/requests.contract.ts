import { makeRecords, makeUsageEvent, toRecord } from '../../testing/usage-event.fixture';
import { UsageQueryError } from '../usage-query.error';
import type { UsageRequestsQuery, UsageRow } from '../usage-query.types';
import type { StoreFactory, StoreHandle } from './store-factory';

const T0 = Date.UTC(2025, 2, 1);
const RANGE = { from: new Date(T0 - 3_600_000), to: new Date(T0 + 3_600_000) };

export function describeRequestsContract(factory: StoreFactory): void {
  describe('requests', () => {
    let handle: StoreHandle;

    beforeEach(async () => {
      handle = await factory();
    });
    afterEach(() => handle.dispose());

    it('maps every UsageEvent field back in snake_case', async () => {
      // Arrange
      const event = makeUsageEvent({
        timestamp: T0 + 123,
        streamed: true,
        ragUsed: false,
        knowledgeBaseId: 'KB1',
        contextsUsed: 3,
        retries: 2,
        failoverRegion: 'us-west-2',
        bedrockRequestId: 'b1f0c8e4-0000-4000-8000-000000000001',
        metadata: { team: 'search', 'ticket id': 'é"1' },
        bedrockLatencyMs: null,
        costUsd: null,
      });
      await handle.store.insertBatch([toRecord(event)]);
      // Act
      const { rows, next_cursor } = await handle.store.requests({ ...RANGE });
      // Assert
      expect(next_cursor).toBeNull();
      expect(Number.isSafeInteger(rows[0]?.id)).toBe(true);
      expect(rows).toEqual([
        {
          id: rows[0]!.id,
          request_id: event.requestId,
          timestamp: new Date(T0 + 123).toISOString(),
          tenant: 'team-a',
          key_id: 'key-1',
          route: '/bedrock/chat',
          model_alias: 'claude-3-haiku',
          model_id: 'anthropic.claude-3-haiku-20240307-v1:0',
          family: 'anthropic',
          region: 'us-east-1',
          input_tokens: 10,
          output_tokens: 20,
          cost_usd: null,
          latency_ms: 100,
          bedrock_latency_ms: null,
          gateway_overhead_ms: 3.5,
          status: 'success',
          error_code: null,
          http_status: 200,
          streamed: true,
          rag_used: false,
          knowledge_base_id: 'KB1',
          contexts_used: 3,
          retries: 2,
          failover_region: 'us-west-2',
          bedrock_request_id: 'b1f0c8e4-0000-4000-8000-000000000001',
          metadata: { team: 'search', 'ticket id': 'é"1' },
        } satisfies UsageRow,
      ]);
    });

    it('filters by model, tenant, status and time, newest first', async () => {
      // Arrange
      await handle.store.insertBatch([
        toRecord(makeUsageEvent({ requestId: 'a', timestamp: T0 + 1, tenant: 't1' })),
        toRecord(makeUsageEvent({ requestId: 'b', timestamp: T0 + 2, tenant: 't2', status: 'error' })),
        toRecord(makeUsageEvent({ requestId: 'c', timestamp: T0 + 3, tenant: 't1', modelId: 'other' })),
        toRecord(makeUsageEvent({ requestId: 'd', timestamp: T0 + 7_200_000, tenant: 't1' })),
      ]);
      const ids = async (query: Partial<UsageRequestsQuery>) =>
        (await handle.store.requests({ ...RANGE, ...query })).rows.map((row) => row.request_id);
      // Act / Assert
      expect(await ids({})).toEqual(['c', 'b', 'a']);
      expect(await ids({ tenant: 't1' })).toEqual(['c', 'a']);
      expect(await ids({ status: 'error' })).toEqual(['b']);
      expect(await ids({ model: 'other' })).toEqual(['c']);
      expect(await ids({ to: new Date(T0 + 2) })).toEqual(['a']);
    });

    it('pages without repeating or skipping rows while inserts happen between pages', async () => {
      // Arrange — 60 rows, three per timestamp so the id tie-break matters
      const original = makeRecords(60, (index) => ({
        requestId: `orig-${index}`,
        timestamp: T0 + Math.floor(index / 3),
      }));
      await handle.store.insertBatch(original);
      const seen: UsageRow[] = [];
      let cursor: string | undefined;
      let page = 0;
      // Act
      do {
        const result = await handle.store.requests({ ...RANGE, limit: 7, cursor });
        seen.push(...result.rows);
        cursor = result.next_cursor ?? undefined;
        // newer rows, rows interleaved at timestamps already paged and not yet paged
        await handle.store.insertBatch(
          makeRecords(3, (index) => ({
            requestId: `new-${page}-${index}`,
            timestamp: T0 + 100 + page - index * 10,
          })),
        );
        await handle.store.insertBatch(
          makeRecords(2, (index) => ({
            requestId: `mid-${page}-${index}`,
            timestamp: T0 + 5 + page + index * 10,
          })),
        );
        page += 1;
      } while (cursor !== undefined && page < 100);
      // Assert
      const ids = seen.map((row) => row.request_id);
      expect(new Set(ids).size).toBe(ids.length);
      const originals = ids.filter((id) => id.startsWith('orig-')).sort();
      expect(originals).toEqual(original.map((record) => record.event.requestId).sort());
      const keys = seen.map((row) => [Date.parse(row.timestamp), row.id] as const);
      keys.slice(1).forEach(([ts, id], index) => {
        const [prevTs, prevId] = keys[index]!;
        expect(ts < prevTs || (ts === prevTs && id < prevId)).toBe(true);
      });
    });

    it('rejects a limit out of range and a forged cursor', async () => {
      // Act / Assert
      await expect(handle.store.requests({ ...RANGE, limit: 1001 })).rejects.toBeInstanceOf(UsageQueryError);
      await expect(handle.store.requests({ ...RANGE, limit: 0 })).rejects.toBeInstanceOf(UsageQueryError);
      await expect(handle.store.requests({ ...RANGE, cursor: 'v1.bm9wZQ' })).rejects.toBeInstanceOf(
        UsageQueryError,
      );
      await expect(handle.store.requests({ ...RANGE, cursor: 'garbage' })).rejects.toBeInstanceOf(
        UsageQueryError,
      );
    });
  });
}

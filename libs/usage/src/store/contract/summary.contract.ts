import { makeUsageEvent, toRecord } from '../../testing/usage-event.fixture';
import { DAY0, DAY1, HAIKU, LLAMA, summaryFixture } from './summary-fixture';
import type { StoreFactory, StoreHandle } from './store-factory';
import type { UsageGroupBy, UsageTotals } from '../usage-query.types';

const FROM = new Date(DAY0);
const TO = new Date(DAY1 + 86_400_000);

export function describeSummaryContract(factory: StoreFactory): void {
  describe('summary', () => {
    let handle: StoreHandle;

    beforeEach(async () => {
      handle = await factory();
      await handle.store.insertBatch(summaryFixture());
    });
    afterEach(() => handle.dispose());

    it('computes totals, null-aware cost and percentiles as percentile_cont does', async () => {
      // Act
      const { totals } = await handle.store.summary({ from: FROM, to: TO, groupBy: 'model' });
      // Assert — latencies sorted: 5 50 100 200 300 400 600 1000 (n = 8, rank r = p·7)
      // p50: r = 3.5  → 200 + (300−200)·0.5  = 250
      // p95: r = 6.65 → 600 + (1000−600)·0.65 = 860
      // p99: r = 6.93 → 600 + (1000−600)·0.93 = 972
      // avg = 2655 / 8 = 331.875; errors = #3 error + #6, #7 denied = 3
      // cost = 0.001+0.002+0.0005+0.003+0.0012 = 0.0077 (known only); unpriced = #4, #6, #7 = 3
      expectTotals(totals, { requests: 8, errors: 3, input: 88, output: 119, cost: 0.0077, unpriced: 3 });
      expectLatency(totals, 331.875, 250, 860, 972);
    });

    it('rounds summed costs to 1e-9 USD and average latencies to 0.001 ms, without float noise', async () => {
      // Arrange: a later day, so the fixture stays out of the range.
      const day = DAY1 + 2 * 86_400_000;
      const extra = [
        { costUsd: 0.1, latencyMs: 1 },
        { costUsd: 0.2, latencyMs: 1 },
        { costUsd: 0.000000001, latencyMs: 2 },
      ].map((row, index) => toRecord(makeUsageEvent({ ...row, timestamp: day + index })));
      await handle.store.insertBatch(extra);
      // Act
      const { totals } = await handle.store.summary({
        from: new Date(day),
        to: new Date(day + 86_400_000),
        groupBy: 'model',
      });
      // Assert: 0.1 + 0.2 + 1e-9 is 0.300000001 exactly (0.30000000100000004 in floats); 4 / 3 ms → 1.333.
      expect(totals.cost_usd).toBe(0.300000001);
      expect(totals.latency_ms.avg).toBe(1.333);
    });

    it('shows interpolated latency percentiles to 0.001 ms, without float noise', async () => {
      // Arrange: a later day, so the fixture stays out of the range.
      const day = DAY1 + 3 * 86_400_000;
      const extra = [10.1, 10.2, 10.3].map((latencyMs, index) =>
        toRecord(makeUsageEvent({ latencyMs, timestamp: day + index })),
      );
      await handle.store.insertBatch(extra);
      // Act
      const { totals } = await handle.store.summary({
        from: new Date(day),
        to: new Date(day + 86_400_000),
        groupBy: 'model',
      });
      // Assert: p95 r = 1.9 → 10.2 + 0.1·0.9 = 10.29 (10.290000000000001 in floats); p99 r = 1.98 → 10.298.
      expect(totals.latency_ms).toEqual({ avg: 10.2, p50: 10.2, p95: 10.29, p99: 10.298 });
    });

    it('groups by model, with the unknown model as a null key last', async () => {
      // Act
      const { rows } = await handle.store.summary({ from: FROM, to: TO, groupBy: 'model' });
      // Assert
      expect(rows.map((row) => row.key)).toEqual([HAIKU, LLAMA, null]);
      const [haiku, llama, none] = rows;
      // haiku: 100 200 300 400 → p50 r=1.5 → 250; p95 r=2.85 → 385; p99 r=2.97 → 397; avg 250
      expectTotals(haiku!, { requests: 4, errors: 1, input: 50, output: 75, cost: 0.0035, unpriced: 1 });
      expectLatency(haiku!, 250, 250, 385, 397);
      // llama: 50 600 1000 → p50 r=1 → 600; p95 r=1.9 → 960; p99 r=1.98 → 992; avg 550
      expectTotals(llama!, { requests: 3, errors: 1, input: 38, output: 44, cost: 0.0042, unpriced: 1 });
      expectLatency(llama!, 550, 600, 960, 992);
      // only unpriced records: the cost is unknown, not 0
      expectTotals(none!, { requests: 1, errors: 1, input: 0, output: 0, cost: null, unpriced: 1 });
      expectLatency(none!, 5, 5, 5, 5);
    });

    it('groups by UTC day', async () => {
      // Act
      const { rows } = await handle.store.summary({ from: FROM, to: TO, groupBy: 'day' });
      // Assert — day 0: 100 200 300 → p50 200, p95 r=1.9 → 290, p99 r=1.98 → 298
      //          day 1: 5 50 400 600 1000 → p50 400, p95 r=3.8 → 920, p99 r=3.96 → 984
      expect(rows.map((row) => [row.key, row.requests])).toEqual([
        ['2025-01-10', 3],
        ['2025-01-11', 5],
      ]);
      expectLatency(rows[0]!, 200, 200, 290, 298);
      expectLatency(rows[1]!, 411, 400, 920, 984);
    });

    it.each<[UsageGroupBy, [string | null, number][]]>([
      [
        'family',
        [
          ['anthropic', 4],
          ['llama', 3],
          [null, 1],
        ],
      ],
      [
        'tenant',
        [
          ['t1', 5],
          ['t2', 3],
        ],
      ],
      [
        'route',
        [
          ['/bedrock/chat', 6],
          ['/bedrock/chat/rag', 2],
        ],
      ],
      [
        'status',
        [
          ['client_closed', 1],
          ['denied', 2],
          ['error', 1],
          ['success', 4],
        ],
      ],
    ])('groups by %s', async (groupBy, expected) => {
      // Act
      const summary = await handle.store.summary({ from: FROM, to: TO, groupBy });
      // Assert
      expect(summary.group_by).toBe(groupBy);
      expect(summary.rows.map((row) => [row.key, row.requests])).toEqual(expected);
      expect(summary.totals.requests).toBe(8);
    });

    it('filters by half-open time range and by tenant', async () => {
      // Act
      const dayOne = await handle.store.summary({ from: new Date(DAY1), to: TO, groupBy: 'day' });
      const beforeThird = await handle.store.summary({ from: FROM, to: new Date(DAY0 + 3), groupBy: 'day' });
      const tenant = await handle.store.summary({ from: FROM, to: TO, groupBy: 'model', tenant: 't2' });
      // Assert
      expect(dayOne.totals.requests).toBe(5);
      expect(beforeThird.totals.requests).toBe(2);
      expect(tenant.rows.map((row) => [row.key, row.requests])).toEqual([
        [HAIKU, 2],
        [LLAMA, 1],
      ]);
      expect(tenant.totals.cost_usd).toBeCloseTo(0.0005, 12);
    });

    it('answers an empty range with zero totals and null statistics', async () => {
      // Act
      const summary = await handle.store.summary({
        from: new Date(0),
        to: new Date(1000),
        groupBy: 'tenant',
      });
      // Assert
      expect(summary.rows).toEqual([]);
      expectTotals(summary.totals, { requests: 0, errors: 0, input: 0, output: 0, cost: null, unpriced: 0 });
      expect(summary.totals.latency_ms).toEqual({ avg: null, p50: null, p95: null, p99: null });
    });
  });
}

interface Expected {
  requests: number;
  errors: number;
  input: number;
  output: number;
  cost: number | null;
  unpriced: number;
}

function expectTotals(totals: UsageTotals, expected: Expected): void {
  expect([
    totals.requests,
    totals.errors,
    totals.input_tokens,
    totals.output_tokens,
    totals.unpriced_requests,
  ]).toEqual([expected.requests, expected.errors, expected.input, expected.output, expected.unpriced]);
  if (expected.cost === null) expect(totals.cost_usd).toBeNull();
  else expect(totals.cost_usd).toBeCloseTo(expected.cost, 12);
}

function expectLatency(totals: UsageTotals, avg: number, p50: number, p95: number, p99: number): void {
  const { latency_ms: latency } = totals;
  expect(
    [latency.avg, latency.p50, latency.p95, latency.p99].map((value) => Number(value?.toFixed(6))),
  ).toEqual([avg, p50, p95, p99]);
}

import { makeUsageEvent, toRecord } from '../../testing/usage-event.fixture';
import { toColumnValues, USAGE_COLUMNS, type ColumnValue, type UsageColumn } from '../usage-columns';
import type { UsageStore } from '../usage-store';

/**
 * The one row of a ledger as schema version 1 left it (no `bedrock_request_id`): its columns and values,
 * in order, for each adapter's upgrade test to insert with its own driver.
 */
export function schemaV1Row(): { columns: UsageColumn[]; values: ColumnValue[] } {
  const columns = USAGE_COLUMNS.filter((column) => column !== 'bedrock_request_id');
  const row = toRecord(makeUsageEvent({ requestId: 'before-upgrade', bedrockRequestId: null }));
  return { columns, values: toColumnValues(row).slice(0, columns.length) };
}

/**
 * Migrates `store`, on a ledger of schema version 1 holding `schemaV1Row`, writes a row, and checks that
 * the older row reads a null request id and the newer one keeps its own.
 */
export async function expectUpgradeFromV1(store: UsageStore): Promise<void> {
  await store.migrate();
  await store.insertBatch([
    toRecord(makeUsageEvent({ requestId: 'after-upgrade', bedrockRequestId: 'aws-2' })),
  ]);
  const { rows } = await store.requests({ from: new Date(0), to: new Date(8.64e15) });
  expect(rows.map((row) => [row.request_id, row.bedrock_request_id])).toEqual(
    expect.arrayContaining([
      ['before-upgrade', null],
      ['after-upgrade', 'aws-2'],
    ]),
  );
  expect(rows).toHaveLength(2);
}

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBulkSqliteLedger } from '../../libs/usage/src/testing/sqlite-bulk-ledger';
import { TestGateway, getJson, startGateway } from '../support/gateway-harness';
import { aroundStoreMethod } from '../support/usage-records';

// A dashboard's report over a large SQLite ledger must not hold the probes (or the chats) behind it: the
// reports run on the store's reader thread. Before, a day-grouped summary over 600,000 records held
// /health/live for 2.1 s, past a load balancer's or a liveness probe's timeout.
describe('GET /usage/summary over a large SQLite ledger', () => {
  const ROWS = 300_000;
  const start = Date.UTC(2025, 0, 1);
  let dir: string;
  let gateway: TestGateway;
  let summaryAsked: () => void = () => undefined;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'usage-report-loop-'));
    const path = join(dir, 'usage.db');
    await createBulkSqliteLedger(path, ROWS, start, 20);
    // Tells the test when the store was asked for the summary: the probe is sent only then.
    const signalSummary = aroundStoreMethod('summary', (call) => {
      summaryAsked();
      return call();
    });
    gateway = await startGateway({ USAGE_SQLITE_PATH: path }, { wrapUsageStore: signalSummary });
  }, 60_000);
  afterAll(async () => {
    await gateway.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers /health/live while the summary is being computed', async () => {
    // Arrange
    const order: string[] = [];
    const asked = new Promise<void>((resolve) => (summaryAsked = resolve));
    const query = `from=2025-01-01&to=2025-01-21&group_by=day`;
    // Act
    const summary = getJson(`${gateway.url}/usage/summary?${query}`).then((response) => {
      order.push('summary');
      return response;
    });
    await asked;
    const live = await getJson(`${gateway.url}/health/live`);
    order.push('live');
    const { status, json } = await summary;
    // Assert
    expect(live.status).toBe(200);
    expect(order).toEqual(['live', 'summary']);
    expect(status).toBe(200);
    expect(json.totals.requests).toBe(ROWS);
    expect(json.rows).toHaveLength(20);
  });
});

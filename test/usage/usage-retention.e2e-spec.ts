import { UsageRetention, UsageStore } from '@app/usage';
import { SchedulerRegistry } from '@nestjs/schedule';
import { makeRecords } from '../../libs/usage/src/testing/usage-event.fixture';
import { TestGateway, startGateway } from '../support/gateway-harness';

// USAGE_RETENTION_DAYS reaches the ledger's retention, and the daily purge is scheduled.
describe('usage retention', () => {
  let gateway: TestGateway;

  beforeAll(async () => {
    gateway = await startGateway({ USAGE_RETENTION_DAYS: '7' });
  });
  afterAll(() => gateway.close());

  it('schedules the daily purge', () => {
    // Act
    const job = gateway.app.get(SchedulerRegistry).getCronJob('usage-retention');
    // Assert
    expect(job.isActive).toBe(true);
  });

  it('purges the records older than USAGE_RETENTION_DAYS and keeps the rest', async () => {
    // Arrange
    const day = 86_400_000;
    const now = Date.now();
    const old = makeRecords(3, (i) => ({ timestamp: now - (8 + i) * day }));
    const recent = makeRecords(2, (i) => ({ timestamp: now - (6 - i) * day }));
    await gateway.app.get(UsageStore).insertBatch([...old, ...recent]);
    // Act
    const deleted = await gateway.app.get(UsageRetention).purge(new Date(now));
    // Assert
    expect(deleted).toBe(3);
    const kept = (await gateway.usageRecords()).map((event) => event.requestId).sort();
    expect(kept).toEqual(recent.map((record) => record.event.requestId).sort());
  });
});

import type { UsageLedger, UsageStore } from '@app/usage';
import { HealthIndicatorService } from '@nestjs/terminus';
import type { BedrockReachability } from '../bedrock-reachability.service';
import { DrainState } from '../drain-state';
import { DEFAULT_HEALTH_PROBE_OPTIONS } from '../health.constants';
import { BedrockHealthIndicator } from './bedrock.indicator';
import { DrainingHealthIndicator } from './draining.indicator';
import { UsageStoreHealthIndicator } from './usage-store.indicator';

const indicators = new HealthIndicatorService();
const ledger = { health: () => ({ status: 'ok', bufferedRecords: 3 }) } as unknown as UsageLedger;
const storeThat = (probeWrite: () => Promise<void>) => ({ probeWrite }) as unknown as UsageStore;

describe('DrainingHealthIndicator', () => {
  it('is up until draining starts, then down with the time it began', () => {
    // Arrange
    const drain = new DrainState();
    const indicator = new DrainingHealthIndicator(indicators, drain);
    const before = indicator.check();
    // Act
    drain.start();
    // Assert
    expect(before).toEqual({ shutdown: { status: 'up', draining: false } });
    expect(indicator.check()).toEqual({ shutdown: { status: 'down', draining: true, since: drain.since } });
  });
});

describe('UsageStoreHealthIndicator', () => {
  it('is up when the store accepts a write, with the ledger state', async () => {
    // Arrange
    const indicator = new UsageStoreHealthIndicator(
      indicators,
      ledger,
      storeThat(() => Promise.resolve()),
      DEFAULT_HEALTH_PROBE_OPTIONS,
    );
    // Act
    const result = await indicator.check();
    // Assert
    expect(result.usage_store).toMatchObject({ status: 'up', ledger: 'ok', buffered_records: 3 });
  });

  it('is down with the error when the store refuses the write', async () => {
    // Arrange
    const indicator = new UsageStoreHealthIndicator(
      indicators,
      ledger,
      storeThat(() =>
        Promise.reject(Object.assign(new Error('database or disk is full'), { name: 'SqliteError' })),
      ),
      DEFAULT_HEALTH_PROBE_OPTIONS,
    );
    // Act
    const result = await indicator.check();
    // Assert
    expect(result.usage_store).toMatchObject({
      status: 'down',
      error: 'SqliteError',
    });
  });
});

describe('BedrockHealthIndicator', () => {
  const reachabilityThat = (up: boolean) =>
    ({
      status: () => ({ up, regions: { 'us-east-1': { reachable: up } } }),
    }) as unknown as BedrockReachability;

  it.each([
    [true, 'up'],
    [false, 'down'],
  ])('reachable=%s → %s, with the regions', (up, status) => {
    // Arrange
    const indicator = new BedrockHealthIndicator(indicators, reachabilityThat(up));
    // Act
    const result = indicator.check();
    // Assert
    expect(result.bedrock).toEqual({ status, regions: { 'us-east-1': { reachable: up } } });
  });
});

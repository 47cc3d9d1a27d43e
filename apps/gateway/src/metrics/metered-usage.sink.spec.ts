import { Logger } from '@nestjs/common';
import { Registry } from 'prom-client';
import { makeUsageEvent } from '../../../../libs/usage/src/testing/usage-event.fixture';
import { GatewayMetrics } from './gateway-metrics';
import { MeteredUsageSink } from './metered-usage.sink';

describe('MeteredUsageSink', () => {
  const setup = () => {
    const registry = new Registry();
    const metrics = new GatewayMetrics(registry);
    const ledger = { record: jest.fn() };
    const sink = new MeteredUsageSink(ledger, metrics);
    return { registry, metrics, ledger, sink };
  };
  const value = async (registry: Registry, name: string, labels: Record<string, string>) => {
    const metric = await registry.getSingleMetric(name)!.get();
    return metric.values.find((v) => Object.entries(labels).every(([k, l]) => v.labels[k] === l))?.value;
  };

  it('counts the event and hands it to the ledger', async () => {
    // Arrange
    const { registry, ledger, sink } = setup();
    const event = makeUsageEvent({ latencyMs: 250, inputTokens: 7, costUsd: 0.5 });
    // Act
    sink.record(event);
    // Assert
    expect(ledger.record).toHaveBeenCalledWith(event);
    const labels = { model: event.modelId!, family: 'anthropic', route: '/bedrock/chat', status: 'success' };
    expect(await value(registry, 'gateway_tokens_total', { ...labels, direction: 'input' })).toBe(7);
    expect(await value(registry, 'gateway_cost_usd_total', labels)).toBe(0.5);
    expect(await value(registry, 'gateway_errors_total', labels)).toBeUndefined();
  });

  it('counts a denied call without a model as an error labelled none', async () => {
    // Arrange
    const { registry, sink } = setup();
    const event = makeUsageEvent({
      status: 'denied',
      errorCode: 'forbidden',
      modelId: null,
      family: null,
      costUsd: null,
    });
    // Act
    sink.record(event);
    // Assert
    const labels = { model: 'none', family: 'none', status: 'denied', code: 'forbidden' };
    expect(await value(registry, 'gateway_errors_total', labels)).toBe(1);
    expect(await value(registry, 'gateway_cost_usd_total', { status: 'denied' })).toBeUndefined();
  });

  it('still records in the ledger when the metrics fail, and logs why', () => {
    // Arrange
    const { metrics, ledger, sink } = setup();
    const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    jest.spyOn(metrics, 'observeUsage').mockImplementation(() => {
      throw new Error('boom');
    });
    // Act
    sink.record(makeUsageEvent());
    // Assert
    expect(ledger.record).toHaveBeenCalledTimes(1);
    expect(logged).toHaveBeenCalledWith(expect.stringContaining('boom'));
    logged.mockRestore();
  });
});

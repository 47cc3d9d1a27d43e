import type { UsageEvent } from '@app/bedrock';
import { Injectable } from '@nestjs/common';
import { Counter, Histogram, Registry } from 'prom-client';
import { USAGE_LABELS, usageLabels } from './usage-metric-labels';

/** Seconds, from a cached short answer to the longest `timeout_ms` API.md allows (300 s). */
const DURATION_BUCKETS = [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 30, 60, 120, 180, 300];
/** Seconds to a stream's first text: what a chat user waits before anything appears. */
const FIRST_TOKEN_BUCKETS = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/** The gateway's own metrics: one observation per usage event and per resilience event. */
@Injectable()
export class GatewayMetrics {
  private readonly duration: Histogram<string>;
  private readonly firstToken: Histogram<string>;
  private readonly tokens: Counter<string>;
  private readonly cost: Counter<string>;
  private readonly errors: Counter<string>;
  private readonly retries: Counter<string>;
  private readonly failovers: Counter<string>;
  private readonly circuitTransitions: Counter<string>;

  constructor(registry: Registry) {
    const registers = [registry];
    const labelNames = [...USAGE_LABELS];
    this.duration = new Histogram({
      name: 'gateway_request_duration_seconds',
      help: 'End-to-end latency of model calls through the gateway.',
      labelNames,
      buckets: DURATION_BUCKETS,
      registers,
    });
    this.firstToken = new Histogram({
      name: 'gateway_time_to_first_token_seconds',
      help: "Time from a streamed call's arrival to its first text sent to the caller.",
      labelNames,
      buckets: FIRST_TOKEN_BUCKETS,
      registers,
    });
    this.tokens = new Counter({
      name: 'gateway_tokens_total',
      help: 'Tokens of model calls, by direction (input, output).',
      labelNames: [...labelNames, 'direction'],
      registers,
    });
    this.cost = new Counter({
      name: 'gateway_cost_usd_total',
      help: 'Estimated cost of model calls in USD (calls with an unknown price add nothing).',
      labelNames,
      registers,
    });
    this.errors = new Counter({
      name: 'gateway_errors_total',
      help: 'Model calls that ended in error or were denied, by API error code.',
      labelNames: [...labelNames, 'code'],
      registers,
    });
    this.retries = new Counter({
      name: 'gateway_upstream_retries_total',
      help: 'Retries of Bedrock calls, by the error that caused them.',
      labelNames: ['model', 'region', 'code'],
      registers,
    });
    this.failovers = new Counter({
      name: 'gateway_upstream_failovers_total',
      help: 'Calls moved to the next configured region.',
      labelNames: ['model', 'from', 'to'],
      registers,
    });
    this.circuitTransitions = new Counter({
      name: 'gateway_circuit_transitions_total',
      help: 'Circuit breaker state changes per model and region.',
      labelNames: ['model', 'region', 'state'],
      registers,
    });
  }

  observeUsage(event: UsageEvent): void {
    const labels = usageLabels(event);
    this.duration.observe(labels, event.latencyMs / 1000);
    if (event.timeToFirstTokenMs != null) this.firstToken.observe(labels, event.timeToFirstTokenMs / 1000);
    this.tokens.inc({ ...labels, direction: 'input' }, event.inputTokens);
    this.tokens.inc({ ...labels, direction: 'output' }, event.outputTokens);
    if (event.costUsd !== null) this.cost.inc(labels, event.costUsd);
    if (event.status === 'error' || event.status === 'denied')
      this.errors.inc({ ...labels, code: event.errorCode ?? 'unknown' });
  }

  observeRetry(model: string, region: string, code: string): void {
    this.retries.inc({ model, region, code });
  }

  observeFailover(model: string, from: string, to: string): void {
    this.failovers.inc({ model, from, to });
  }

  observeCircuitTransition(model: string, region: string, state: string): void {
    this.circuitTransitions.inc({ model, region, state });
  }
}

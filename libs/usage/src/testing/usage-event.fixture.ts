import type { UsageEvent } from '@app/bedrock';
import { randomUUID } from 'node:crypto';
import type { StoredUsageRecord } from '../store/usage-record';

/** A complete, successful event; override what a test cares about. */
export function makeUsageEvent(overrides: Partial<UsageEvent> = {}): UsageEvent {
  return {
    requestId: randomUUID(),
    timestamp: Date.UTC(2025, 0, 10, 12),
    tenant: 'team-a',
    keyId: 'key-1',
    route: '/bedrock/chat',
    modelAlias: 'claude-3-haiku',
    modelId: 'anthropic.claude-3-haiku-20240307-v1:0',
    family: 'anthropic',
    region: 'us-east-1',
    inputTokens: 10,
    outputTokens: 20,
    costUsd: 0.001,
    latencyMs: 100,
    bedrockLatencyMs: 90,
    gatewayOverheadMs: 3.5,
    status: 'success',
    errorCode: null,
    httpStatus: 200,
    streamed: false,
    ragUsed: null,
    knowledgeBaseId: null,
    contextsUsed: null,
    retries: 0,
    failoverRegion: null,
    bedrockRequestId: 'aws-req-1',
    metadata: null,
    ...overrides,
  };
}

export function toRecord(event: UsageEvent): StoredUsageRecord {
  return { ingestId: randomUUID(), event };
}

export function makeRecords(
  count: number,
  overrides: (index: number) => Partial<UsageEvent>,
): StoredUsageRecord[] {
  return Array.from({ length: count }, (_, index) => toRecord(makeUsageEvent(overrides(index))));
}

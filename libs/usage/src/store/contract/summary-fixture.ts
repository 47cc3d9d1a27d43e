import type { UsageEvent } from '@app/bedrock';
import { makeUsageEvent, toRecord } from '../../testing/usage-event.fixture';
import type { StoredUsageRecord } from '../usage-record';

export const DAY0 = Date.UTC(2025, 0, 10);
export const DAY1 = Date.UTC(2025, 0, 11);
export const HAIKU = 'anthropic.claude-3-haiku-20240307-v1:0';
export const LLAMA = 'meta.llama3-8b-instruct-v1:0';

const haiku = { modelId: HAIKU, family: 'anthropic' } as const;
const llama = { modelId: LLAMA, family: 'llama' } as const;
const rag = '/bedrock/chat/rag';

/**
 * Eight records whose figures are computed by hand in summary.contract.ts.
 *   #  latency model  tenant route status         in  out cost    day
 *   1  100     haiku  t1     chat  success        10  20  0.001   0
 *   2  200     haiku  t1     chat  success        20  30  0.002   0
 *   3  300     haiku  t2     rag   error           5   0  0.0005  0
 *   4  400     haiku  t2     chat  success        15  25  null    1
 *   5  1000    llama  t1     chat  success        30  40  0.003   1
 *   6  50      llama  t2     rag   denied          0   0  null    1
 *   7  5       (none) t1     chat  denied          0   0  null    1
 *   8  600     llama  t1     chat  client_closed   8   4  0.0012  1
 */
const rows: Partial<UsageEvent>[] = [
  {
    ...haiku,
    latencyMs: 100,
    tenant: 't1',
    inputTokens: 10,
    outputTokens: 20,
    costUsd: 0.001,
    timestamp: DAY0 + 1,
  },
  {
    ...haiku,
    latencyMs: 200,
    tenant: 't1',
    inputTokens: 20,
    outputTokens: 30,
    costUsd: 0.002,
    timestamp: DAY0 + 2,
  },
  {
    ...haiku,
    latencyMs: 300,
    tenant: 't2',
    route: rag,
    status: 'error',
    errorCode: 'upstream_error',
    inputTokens: 5,
    outputTokens: 0,
    costUsd: 0.0005,
    timestamp: DAY0 + 3,
  },
  {
    ...haiku,
    latencyMs: 400,
    tenant: 't2',
    inputTokens: 15,
    outputTokens: 25,
    costUsd: null,
    timestamp: DAY1 + 1,
  },
  {
    ...llama,
    latencyMs: 1000,
    tenant: 't1',
    inputTokens: 30,
    outputTokens: 40,
    costUsd: 0.003,
    timestamp: DAY1 + 2,
  },
  {
    ...llama,
    latencyMs: 50,
    tenant: 't2',
    route: rag,
    status: 'denied',
    inputTokens: 0,
    outputTokens: 0,
    costUsd: null,
    timestamp: DAY1 + 3,
  },
  {
    modelId: null,
    modelAlias: null,
    family: null,
    latencyMs: 5,
    tenant: 't1',
    status: 'denied',
    inputTokens: 0,
    outputTokens: 0,
    costUsd: null,
    timestamp: DAY1 + 4,
  },
  {
    ...llama,
    latencyMs: 600,
    tenant: 't1',
    status: 'client_closed',
    inputTokens: 8,
    outputTokens: 4,
    costUsd: 0.0012,
    timestamp: DAY1 + 5,
  },
];

export function summaryFixture(): StoredUsageRecord[] {
  return rows.map((row) => toRecord(makeUsageEvent(row)));
}

import type { UsageEvent } from '@app/bedrock';
import {
  createUsageStore,
  DEFAULT_SQLITE_PATH,
  iterateRequests,
  USAGE_MODULE_OPTIONS,
  UsageLedger,
  UsageStore,
  type UsageModuleOptions,
  type UsageRow,
} from '@app/usage';
import type { INestApplication } from '@nestjs/common';
import type { TestingModuleBuilder } from '@nestjs/testing';

/** Wraps the store the gateway opens (e.g. in a FlakyUsageStore to simulate an outage). */
export type UsageStoreWrapper = (store: UsageStore) => UsageStore;

/**
 * A wrapper whose `method` runs through `around`, given the store's own call: to hold it back, watch it
 * or replace it.
 */
export function aroundStoreMethod(
  method: keyof UsageStore,
  around: (call: () => unknown) => unknown,
): UsageStoreWrapper {
  return (store) =>
    new Proxy(store, {
      get(target, key, receiver) {
        const value: unknown = Reflect.get(target, key, receiver);
        if (key !== method || typeof value !== 'function') return value;
        return (...args: unknown[]) =>
          around(() => (value as (...a: unknown[]) => unknown).apply(target, args));
      },
    });
}

/** A wrapper whose `method` waits for `until` before the store runs it (an answer held back). */
export function holdingStoreMethod(method: keyof UsageStore, until: Promise<void>): UsageStoreWrapper {
  return aroundStoreMethod(method, async (call) => {
    await until;
    return call();
  });
}

/** Replaces the app's UsageStore by the wrapped, migrated store selected by the same options. */
export function usageStoreOverride(builder: TestingModuleBuilder, wrap: UsageStoreWrapper): void {
  builder.overrideProvider(UsageStore).useFactory({
    inject: [USAGE_MODULE_OPTIONS],
    factory: async (options: UsageModuleOptions) => {
      const store = createUsageStore({
        databaseUrl: options.databaseUrl,
        sqlitePath: options.sqlitePath ?? DEFAULT_SQLITE_PATH,
      });
      await store.migrate();
      return wrap(store);
    },
  });
}

/**
 * Flushes the gateway's ledger, then reads every stored record back as a UsageEvent, oldest first
 * (the store pages newest first by timestamp, then id).
 */
export async function readUsageRecords(app: INestApplication): Promise<UsageEvent[]> {
  await app.get(UsageLedger).flush();
  const rows: UsageRow[] = [];
  const everything = { from: new Date(0), to: new Date(8.64e15) };
  for await (const row of iterateRequests(app.get(UsageStore), everything)) rows.push(row);
  return rows.reverse().map(toUsageEvent);
}

/** The stored row in the UsageEvent shape the interceptor recorded. */
export function toUsageEvent(row: UsageRow): UsageEvent {
  return {
    requestId: row.request_id,
    timestamp: Date.parse(row.timestamp),
    tenant: row.tenant,
    keyId: row.key_id,
    route: row.route,
    modelAlias: row.model_alias,
    modelId: row.model_id,
    family: row.family,
    region: row.region,
    inputTokens: row.input_tokens,
    outputTokens: row.output_tokens,
    costUsd: row.cost_usd,
    latencyMs: row.latency_ms,
    bedrockLatencyMs: row.bedrock_latency_ms,
    gatewayOverheadMs: row.gateway_overhead_ms,
    status: row.status,
    errorCode: row.error_code,
    httpStatus: row.http_status,
    streamed: row.streamed,
    ragUsed: row.rag_used,
    knowledgeBaseId: row.knowledge_base_id,
    contextsUsed: row.contexts_used,
    retries: row.retries,
    failoverRegion: row.failover_region,
    bedrockRequestId: row.bedrock_request_id,
    metadata: row.metadata,
  };
}

/**
 * Usage ledger throughput and PostgreSQL summary latency (a script, not a test).
 * Run: node -r @swc-node/register bench/ledger.bench.ts   (env: BENCH_PG_URL, BENCH_SQLITE_RECORDS, BENCH_PG_RECORDS)
 * 1. Sustained writes through UsageLedger (record → batch → store) on SQLite and on PostgreSQL:
 *    the producer offers records as fast as the ledger drains them (it pauses while more than 20,000
 *    wait in memory) and the clock stops when every record is stored. Target ≥ 20,000 records/s each.
 *    Also the main thread's CPU per record (what a request pays on the event loop): SQLite with its
 *    writer thread (the default) and with inline writes, side by side.
 * 2. /usage/summary over the 1,000,000 PostgreSQL records (30 days, all group_by keys), after ANALYZE
 *    (what autovacuum does after a bulk load). Target < 1 s.
 */
import type { ModelFamily, UsageEvent, UsageStatus } from '@app/bedrock';
import {
  PostgresUsageStore,
  SqliteUsageStore,
  UsageLedger,
  USAGE_GROUP_BYS,
  type UsageStore,
} from '@app/usage';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { procCpuTimeMs } from './lib/proc-cpu';

const PG_URLS = [
  process.env.BENCH_PG_URL,
  'postgres://root@127.0.0.1:5432/test',
  'postgres://postgres@127.0.0.1:5432/test',
];
const SQLITE_RECORDS = Number(process.env.BENCH_SQLITE_RECORDS ?? 300_000);
const PG_RECORDS = Number(process.env.BENCH_PG_RECORDS ?? 1_000_000);
const START = Date.UTC(2025, 0, 1);
const SPAN_MS = 30 * 86_400_000;
const MODELS: [string, ModelFamily][] = [
  ['anthropic.claude-3-haiku-20240307-v1:0', 'anthropic'],
  ['anthropic.claude-3-5-sonnet-20240620-v1:0', 'anthropic'],
  ['meta.llama3-8b-instruct-v1:0', 'llama'],
  ['meta.llama3-70b-instruct-v1:0', 'llama'],
  ['mistral.mistral-large-2407-v1:0', 'mistral'],
  ['amazon.titan-text-express-v1', 'titan'],
  ['cohere.command-r-v1:0', 'cohere'],
  ['cohere.command-r-plus-v1:0', 'cohere'],
];
const STATUSES: UsageStatus[] = [
  'success',
  'success',
  'success',
  'success',
  'success',
  'success',
  'error',
  'denied',
];

function event(index: number, total: number): UsageEvent {
  const [modelId, family] = MODELS[index % MODELS.length]!;
  const status = STATUSES[(index * 7) % STATUSES.length]!;
  return {
    requestId: `bench-${index}`,
    timestamp: START + Math.floor((index / total) * SPAN_MS),
    tenant: `team-${index % 20}`,
    keyId: `key-${index % 40}`,
    route: index % 3 === 0 ? '/bedrock/chat/rag' : '/bedrock/chat',
    modelAlias: null,
    modelId,
    family,
    region: 'us-east-1',
    inputTokens: 50 + (index % 900),
    outputTokens: 20 + (index % 400),
    costUsd: index % 10 === 0 ? null : ((index % 1000) + 1) * 1e-6,
    latencyMs: 40 + Math.random() * 2000 * Math.random(),
    bedrockLatencyMs: 35,
    gatewayOverheadMs: 1.2,
    status,
    errorCode: status === 'success' ? null : 'upstream_error',
    httpStatus: status === 'success' ? 200 : 502,
    streamed: index % 2 === 0,
    ragUsed: index % 3 === 0,
    knowledgeBaseId: null,
    contextsUsed: null,
    retries: 0,
    failoverRegion: null,
    bedrockRequestId: `aws-${index}`,
    metadata: index % 5 === 0 ? { team: 'search' } : null,
  };
}

/** CPU time of this process's main thread, in ms. */
const mainThreadCpuMs = (): number => procCpuTimeMs(`/proc/${process.pid}/task/${process.pid}/stat`) ?? 0;

async function sustainedWrites(
  label: string,
  store: UsageStore,
  total: number,
  spillDir: string,
): Promise<void> {
  const ledger = new UsageLedger(store, {
    batchSize: 2_000,
    flushIntervalMs: 250,
    maxBufferedRecords: 100_000,
    spillPath: join(spillDir, `${label}-spill.ndjson`),
  });
  const started = performance.now();
  const mainCpuBefore = mainThreadCpuMs();
  for (let index = 0; index < total; index += 1) {
    ledger.record(event(index, total));
    if (index % 1000 === 999) {
      await new Promise((resolve) => setImmediate(resolve));
      while (ledger.health().bufferedRecords > 20_000) await new Promise((resolve) => setTimeout(resolve, 1));
    }
  }
  await ledger.shutdown();
  const seconds = (performance.now() - started) / 1000;
  const mainCpuUs = ((mainThreadCpuMs() - mainCpuBefore) * 1000) / total;
  const stored = (
    await store.summary({ from: new Date(0), to: new Date(START + 2 * SPAN_MS), groupBy: 'status' })
  ).totals.requests;
  const health = ledger.health();
  console.log(
    `${label.padEnd(10)} ledger writes: ${Math.round(total / seconds).toLocaleString('en-US')} records/s ` +
      `(${total.toLocaleString('en-US')} in ${seconds.toFixed(1)} s; stored ${stored.toLocaleString('en-US')}, ` +
      `spilled ${health.recordsSpilled}, dropped ${health.recordsDropped}); main thread ${mainCpuUs.toFixed(1)} µs CPU ` +
      'per record (producer included)',
  );
}

async function findPostgres(): Promise<string | null> {
  for (const url of PG_URLS) {
    if (url === undefined || url === '') continue;
    const client = new Client({ connectionString: url, connectionTimeoutMillis: 2000 });
    try {
      await client.connect();
      await client.end();
      return url;
    } catch {
      await client.end().catch(() => undefined);
    }
  }
  return null;
}

async function summaryLatency(store: UsageStore, url: string, schema: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  await client.query(`ANALYZE "${schema}".usage_events`);
  await client.end();
  const range = { from: new Date(START), to: new Date(START + SPAN_MS) };
  for (const groupBy of USAGE_GROUP_BYS) {
    const timings: number[] = [];
    let rows = 0;
    let requests = 0;
    for (let run = 0; run < 3; run += 1) {
      const started = performance.now();
      const summary = await store.summary({ ...range, groupBy });
      timings.push(performance.now() - started);
      rows = summary.rows.length;
      requests = summary.totals.requests;
    }
    timings.sort((a, b) => a - b);
    console.log(
      `postgres   summary group_by=${groupBy.padEnd(6)} over ${requests.toLocaleString('en-US')} records: ` +
        `median ${timings[1]!.toFixed(0)} ms (min ${timings[0]!.toFixed(0)}, max ${timings[2]!.toFixed(0)}), ${rows} rows`,
    );
  }
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-bench-'));
  try {
    for (const writes of ['thread', 'inline'] as const) {
      const sqlite = new SqliteUsageStore({ path: join(dir, `usage-${writes}.db`), writes });
      await sqlite.migrate();
      await sustainedWrites(
        writes === 'thread' ? 'sqlite' : 'sqlite (inline writes)',
        sqlite,
        SQLITE_RECORDS,
        dir,
      );
      await sqlite.close();
    }

    const url = await findPostgres();
    if (url === null) {
      console.warn('postgres   SKIPPED: no server answers at', PG_URLS.filter(Boolean).join(' or '));
      return;
    }
    const schema = `usage_bench_${process.pid}_${randomBytes(3).toString('hex')}`;
    const postgres = new PostgresUsageStore({ connectionString: url, schema, poolSize: 4 });
    try {
      await postgres.migrate();
      await sustainedWrites('postgres', postgres, PG_RECORDS, dir);
      await summaryLatency(postgres, url, schema);
    } finally {
      await postgres.close();
      const client = new Client({ connectionString: url });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await client.end();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});

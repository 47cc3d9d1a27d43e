/**
 * Latency of the load-balancer probes, idle and while the gateway serves chat traffic. The built
 * gateway (dist/apps/gateway/main.js, built when stale) runs as a child process in local mode;
 * autocannon drives /health/live and /health/ready, and in the second phase POST /bedrock/chat too.
 *
 *   node -r @swc-node/register bench/health.bench.ts [--duration 10] [--chat-connections 32] [--latency-ms 50]
 *
 * A benchmark, not a test: it prints p50/p99 and asserts nothing about time.
 */
import autocannon from 'autocannon';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ensureBuiltGateway, runBuiltGateway } from '../test/health/support/built-gateway';

const PROBE_CONNECTIONS = 4;

function probe(url: string, path: string, duration: number): Promise<autocannon.Result> {
  return autocannon({ url: `${url}${path}`, connections: PROBE_CONNECTIONS, duration });
}

function chatLoad(url: string, connections: number, duration: number): Promise<autocannon.Result> {
  return autocannon({
    url: `${url}/bedrock/chat`,
    method: 'POST',
    connections,
    duration,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      message: 'Benchmark the probes, please.',
      model: 'claude-3-haiku',
      max_tokens: 64,
    }),
  });
}

function line(label: string, result: autocannon.Result): string {
  const { latency, requests } = result;
  const failures = result.non2xx + result.errors + result.timeouts;
  return (
    `  ${label.padEnd(22)} p50 ${String(latency.p50).padStart(4)} ms  p99 ${String(latency.p99).padStart(4)} ms  ` +
    `max ${String(latency.max).padStart(4)} ms  ${requests.average.toFixed(0).padStart(6)} req/s  failures ${failures}`
  );
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      duration: { type: 'string' },
      'chat-connections': { type: 'string' },
      'latency-ms': { type: 'string' },
    },
  });
  const duration = Number(values.duration ?? 10);
  const chatConnections = Number(values['chat-connections'] ?? 32);
  ensureBuiltGateway();
  const dir = mkdtempSync(join(tmpdir(), 'health-bench-'));
  const gateway = await runBuiltGateway({
    NODE_ENV: 'test',
    BEDROCK_BACKEND: 'local',
    LOG_LEVEL: 'warn',
    BEDROCK_LOCAL_LATENCY_MS: values['latency-ms'] ?? '50',
    USAGE_SQLITE_PATH: join(dir, 'usage.db'),
  });
  try {
    console.log(
      `Health probes, built gateway, ${PROBE_CONNECTIONS} probe connections, ${duration} s per phase`,
    );
    console.log('idle:');
    console.log(line('/health/live', await probe(gateway.url, '/health/live', duration)));
    console.log(line('/health/ready', await probe(gateway.url, '/health/ready', duration)));
    console.log(`under load (POST /bedrock/chat, ${chatConnections} connections, all at once):`);
    const [chat, live, ready] = await Promise.all([
      chatLoad(gateway.url, chatConnections, duration),
      probe(gateway.url, '/health/live', duration),
      probe(gateway.url, '/health/ready', duration),
    ]);
    console.log(line('/health/live', live));
    console.log(line('/health/ready', ready));
    console.log(line('POST /bedrock/chat', chat));
  } finally {
    gateway.child.kill('SIGTERM');
    await gateway.exited;
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

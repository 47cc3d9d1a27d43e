/**
 * Throughput of bedrock-local's hot path: non-streaming InvokeModel over HTTP/1.1 keep-alive.
 * The emulator runs as a child process (the CLI) so that autocannon's CPU is not the emulator's.
 *
 *   node -r @swc-node/register bench/emulator.bench.ts [--duration 10] [--connections 16]
 *
 * Target: >= 2,000 requests/s on a 2-core machine.
 */
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';

const MODEL_ID = 'anthropic.claude-3-haiku-20240307-v1:0';
const TARGET_RPS = 2000;
const AUTHORIZATION =
  'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261122/us-east-1/bedrock/aws4_request, ' +
  `SignedHeaders=content-type;host;x-amz-date, Signature=${'a1'.repeat(32)}`;
const BODY = JSON.stringify({
  anthropic_version: 'bedrock-2023-05-31',
  max_tokens: 64,
  messages: [{ role: 'user', content: 'Summarise the benefits of local emulators for integration testing.' }],
});

function startEmulator(): Promise<{ url: string; stop: () => void }> {
  const child = spawn(
    process.execPath,
    ['-r', '@swc-node/register', 'apps/bedrock-local/src/main.ts', '--port', '0'],
    { cwd: resolve(__dirname, '..'), stdio: ['ignore', 'pipe', 'inherit'] },
  );
  return new Promise((resolvePromise, reject) => {
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (\S+)/.exec(output);
      if (match?.[1]) resolvePromise({ url: match[1], stop: () => child.kill('SIGTERM') });
    });
    child.on('exit', (code) => reject(new Error(`bedrock-local exited early (${code}): ${output}`)));
  });
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { duration: { type: 'string' }, connections: { type: 'string' } },
  });
  const emulator = await startEmulator();
  try {
    const result = await autocannon({
      url: `${emulator.url}/model/${encodeURIComponent(MODEL_ID)}/invoke`,
      method: 'POST',
      connections: Number(values.connections ?? 16),
      duration: Number(values.duration ?? 10),
      pipelining: 1,
      headers: {
        'content-type': 'application/json',
        accept: 'application/json',
        authorization: AUTHORIZATION,
      },
      body: BODY,
    });
    const { requests, latency } = result;
    console.log(`InvokeModel (HTTP/1.1 keep-alive, ${result.connections} connections, ${result.duration} s)`);
    console.log(
      `  requests/s   mean ${requests.average.toFixed(0)}  min ${requests.min}  max ${requests.max}`,
    );
    console.log(
      `  latency ms   p50 ${latency.p50}  p90 ${latency.p90}  p99 ${latency.p99}  max ${latency.max}  mean ${latency.average.toFixed(2)}`,
    );
    console.log(
      `  responses    2xx ${result['2xx']}  non-2xx ${result.non2xx}  errors ${result.errors}  timeouts ${result.timeouts}`,
    );
    console.log(
      requests.average >= TARGET_RPS
        ? `  OK (target ${TARGET_RPS} req/s)`
        : `  BELOW target ${TARGET_RPS} req/s`,
    );
    if (result.non2xx > 0 || result.errors > 0) process.exitCode = 1;
  } finally {
    emulator.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

/**
 * Which HTTP handler should the gateway's runtime client use? Compares, against the emulator in a
 * child process: the SDK default (a new HTTP/2 session per call), one multiplexed HTTP/2 session, and
 * a keep-alive HTTP/1.1 pool. Prints calls/s and latency percentiles at concurrency 1 and 16.
 * Run: npm run bench:http-handler
 */
import { BedrockRuntimeClient, InvokeModelCommand } from '@aws-sdk/client-bedrock-runtime';
import { NodeHttp2Handler } from '@smithy/node-http-handler';
import { spawn } from 'node:child_process';
import { createRequestHandler } from '../libs/bedrock/src/clients/http-handler.factory';

const MODEL = 'anthropic.claude-3-haiku-20240307-v1:0';
const BODY = JSON.stringify({
  anthropic_version: 'bedrock-2023-05-31',
  max_tokens: 20,
  messages: [{ role: 'user', content: 'hi' }],
});
const DURATION_MS = 4000;

async function startEmulator(): Promise<{ url: string; stop: () => void }> {
  const child = spawn(
    process.execPath,
    ['-r', '@swc-node/register', 'apps/bedrock-local/src/main.ts', '--port', '0'],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const url = await new Promise<string>((resolve) => {
    child.stdout.on('data', (data: Buffer) => {
      const match = /listening on (http:\/\/\S+)/.exec(data.toString());
      if (match?.[1]) resolve(match[1]);
    });
  });
  return { url, stop: () => child.kill('SIGTERM') };
}

async function measure(client: BedrockRuntimeClient, concurrency: number) {
  const latencies: number[] = [];
  const until = performance.now() + DURATION_MS;
  const worker = async () => {
    while (performance.now() < until) {
      const started = performance.now();
      await client.send(
        new InvokeModelCommand({ modelId: MODEL, body: BODY, contentType: 'application/json' }),
      );
      latencies.push(performance.now() - started);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  latencies.sort((a, b) => a - b);
  const at = (p: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]!.toFixed(2);
  return { rps: Math.round(latencies.length / (DURATION_MS / 1000)), p50: at(0.5), p99: at(0.99) };
}

async function main(): Promise<void> {
  const emulator = await startEmulator();
  const handlers = {
    'sdk default (new h2 session per call)': () => new NodeHttp2Handler({ disableConcurrentStreams: true }),
    'http2 multiplexed session': () => createRequestHandler('http2', 256),
    'http1 keep-alive pool': () => createRequestHandler('http1', 256),
  };
  console.log('| handler | concurrency | calls/s | p50 ms | p99 ms |\n|---|---|---|---|---|');
  for (const [name, handler] of Object.entries(handlers)) {
    for (const concurrency of [1, 16]) {
      const client = new BedrockRuntimeClient({
        region: 'us-east-1',
        endpoint: emulator.url,
        maxAttempts: 1,
        credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'x' },
        requestHandler: handler(),
      });
      await measure(client, concurrency); // warm-up run, discarded
      const result = await measure(client, concurrency);
      console.log(`| ${name} | ${concurrency} | ${result.rps} | ${result.p50} | ${result.p99} |`);
      client.destroy();
    }
  }
  emulator.stop();
}

void main();

/**
 * `npm run bench`: the emulator direct (the floor), this gateway, Portkey's gateway and two reference
 * proxies — a bare SDK proxy (the floor of any gateway that calls Bedrock through SDK v3,
 * bench/lib/sdk-proxy-server.ts) and the same chat on Nest with Fastify (bench/lib/nest-proxy-server.ts) — side by
 * side, on one emulator per upstream latency, every server its own process on 127.0.0.1. Writes
 * bench/results/latest.json and latest.md; `--readme` also copies the table into the README.
 *
 *   node -r @swc-node/register bench/run.ts [--latencies 0,50] [--connections 1,16] [--duration 6]
 *     [--rounds 3] [--warmup 1] [--warmup-requests 10000] [--warmup-streams 500] [--warmup-connections 16]
 *     [--first-token 40] [--gateway auto|dist|source]
 *     [--targets direct,gateway,portkey,sdk-proxy,nest-proxy] [--cpu-prof] [--readme] [--out bench/results]
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { writeSection } from '../scripts/readme-section';
import { createGatewayConfig, GovernanceProbe, pickRuntime, probeGovernance } from './lib/gateway-setup';
import { describeMachine } from './lib/machine';
import { renderMarkdown } from './lib/markdown';
import { measureRun } from './lib/measure';
import { README, RESULTS_DIR } from './lib/paths';
import type { BenchResults, UpstreamRun } from './lib/results';
import { startStack } from './lib/stack';
import { checkTargets } from './lib/targets';
import { MAX_TOKENS, MODEL_ID, TargetName } from './lib/workloads';

const numbers = (value: string): number[] =>
  value.split(',').map((item) => {
    const parsed = Number(item.trim());
    if (!Number.isFinite(parsed) || parsed < 0) throw new Error(`not a non-negative number: "${item}"`);
    return parsed;
  });

const wholeNumber = (value: string): number => {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0) throw new Error(`not a whole number: "${value}"`);
  return parsed;
};

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      latencies: { type: 'string', default: '0,50' },
      connections: { type: 'string', default: '1,16' },
      duration: { type: 'string', default: '6' },
      rounds: { type: 'string', default: '3' },
      warmup: { type: 'string', default: '1' },
      'warmup-requests': { type: 'string', default: '10000' },
      'warmup-streams': { type: 'string', default: '500' },
      'warmup-connections': { type: 'string', default: '16' },
      'first-token': { type: 'string', default: '40' },
      gateway: { type: 'string', default: 'auto' },
      targets: { type: 'string', default: 'direct,gateway,portkey,sdk-proxy,nest-proxy' },
      'cpu-prof': { type: 'boolean', default: false },
      readme: { type: 'boolean', default: false },
      out: { type: 'string', default: RESULTS_DIR },
    },
  });
  const targets = values.targets.split(',').map((item) => item.trim()) as TargetName[];
  if (targets[0] !== 'direct') throw new Error('--targets must start with direct (the floor)');
  const connections = numbers(values.connections);
  const latencies = numbers(values.latencies);
  const durationS = Number(values.duration);
  const rounds = Number(values.rounds);
  if (!Number.isInteger(rounds) || rounds < 1) throw new Error('--rounds must be a positive integer');
  if (!Number.isInteger(durationS / rounds) || durationS / rounds < 1)
    throw new Error('--duration must be a whole number of seconds per round (autocannon runs whole seconds)');
  const warmupS = Number(values.warmup);
  const warmupRequests = wholeNumber(values['warmup-requests']);
  const warmupStreams = wholeNumber(values['warmup-streams']);
  const warmupConnections = wholeNumber(values['warmup-connections']);
  const firstTokenRequests = Number(values['first-token']);
  const runtime = pickRuntime(values.gateway);
  const outDir = resolve(values.out);
  const workDir = mkdtempSync(join(tmpdir(), 'gateway-bench-'));
  // Profiles land beside the results (bench/results/*.cpuprofile is git-ignored).
  const cpuProfileDir = values['cpu-prof'] ? outDir : undefined;
  if (cpuProfileDir) mkdirSync(cpuProfileDir, { recursive: true });
  const log = (line: string): void => console.error(line);
  log(
    `gateway from ${runtime === 'dist' ? 'dist/apps/gateway/main.js' : 'apps/gateway/src/main.ts (swc)'}; logs in ${workDir}`,
  );

  const { path: configPath, apiKey } = createGatewayConfig(workDir);
  const runs: UpstreamRun[] = [];
  let governance: GovernanceProbe | undefined;
  let rssReset = true;
  try {
    for (const latencyMs of latencies) {
      const stack = await startStack({ latencyMs, runtime, workDir, configPath, cpuProfileDir });
      try {
        governance ??= await probeGovernance(stack.gateway.url, apiKey);
        log(
          `upstream latency ${latencyMs} ms (auth ${governance.auth_enforced}, PII redact ${governance.pii_redacted})`,
        );
        const measured = await measureRun(stack, apiKey, latencyMs, {
          connections,
          durationS,
          rounds,
          warmupS,
          warmup: {
            requests: warmupRequests,
            streams: warmupStreams,
            connections: Math.max(1, warmupConnections),
          },
          firstTokenRequests,
          targets,
          log,
        });
        runs.push(measured.run);
        rssReset &&= measured.rssReset;
      } finally {
        await stack.stop();
      }
    }
  } finally {
    if (!cpuProfileDir) rmSync(workDir, { recursive: true, force: true });
  }

  const low = Math.min(...connections);
  const high = Math.max(...connections);
  const results: BenchResults = {
    generated_at: new Date().toISOString(),
    machine: describeMachine(),
    gateway_runtime:
      runtime === 'dist'
        ? 'the build (dist/apps/gateway/main.js)'
        : 'sources under @swc-node/register (build unavailable)',
    governance: governance ?? { auth_enforced: false, pii_redacted: false },
    rss_reset_per_measurement: rssReset,
    settings: {
      duration_s: durationS,
      rounds,
      warmup_s: warmupS,
      warmup_requests: warmupRequests,
      warmup_streams: warmupStreams,
      connections,
      upstream_latencies_ms: latencies,
      first_token_requests: firstTokenRequests,
      model: MODEL_ID,
      max_tokens: MAX_TOKENS,
    },
    runs,
    targets: runs.flatMap((run) => checkTargets(run, low, high)),
  };
  const markdown = renderMarkdown(results);
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'latest.json'), `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(join(outDir, 'latest.md'), markdown);
  if (values.readme) writeSection(README, 'bench', markdown);
  console.log(markdown);
  if (cpuProfileDir) log(`gateway CPU profiles in ${cpuProfileDir}; logs kept in ${workDir}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

import { firstTokenTimes } from './first-token';
import { combineSlices, runLoad, sendAmount, type LoadSlice } from './load';
import type { FirstTokenRow, LoadRow, UpstreamRun } from './results';
import type { ServerProcess } from './server-process';
import type { Stack } from './stack';
import { added, summarize } from './stats';
import { Endpoints, requestFor, TargetName } from './workloads';

export interface MeasureOptions {
  connections: number[];
  /** Measured seconds per row, split into `rounds` interleaved slices. */
  durationS: number;
  rounds: number;
  /** Warm-up before each slice. */
  warmupS: number;
  /**
   * Steady state: before any slice each target serves `requests` blocking chats, and before the first
   * stream is timed `streams` streams, `connections` at a time.
   */
  warmup: { requests: number; streams: number; connections: number };
  firstTokenRequests: number;
  targets: TargetName[];
  log: (line: string) => void;
}

/**
 * One upstream latency: first every target is brought to steady state (`warmup`: its JIT takes
 * ~10,000–20,000 chats to settle, docs/decisions.md), then every target at every concurrency on the same
 * emulator, in rounds that take the targets in turn (each slice after its own short warm-up), then the
 * streaming time to first token, after a warm-up of streams. The streams are warmed only after the rows:
 * sixteen streams at a time grow a server's heap by 30–70 MB for a while, which the rows' peak RSS would
 * then carry.
 */
export async function measureRun(
  stack: Stack,
  apiKey: string,
  latencyMs: number,
  options: MeasureOptions,
): Promise<{ run: UpstreamRun; rssReset: boolean }> {
  const endpoints: Endpoints = {
    emulator: stack.emulator.url,
    gateway: stack.gateway.url,
    portkey: stack.portkey.url,
    sdkProxy: stack.sdkProxy.url,
    nestProxy: stack.nestProxy.url,
    apiKey,
  };
  const servers: Record<TargetName, ServerProcess | null> = {
    direct: null,
    gateway: stack.gateway,
    portkey: stack.portkey,
    'sdk-proxy': stack.sdkProxy,
    'nest-proxy': stack.nestProxy,
  };
  for (const target of options.targets) {
    const { requests, connections } = options.warmup;
    const started = performance.now();
    if (requests > 0) await sendAmount(requestFor(target, endpoints, false), connections, requests);
    options.log(
      `  ${latencyMs} ms  warm-up  ${target.padEnd(10)}  ${requests} chats in ` +
        `${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
  }
  const load: LoadRow[] = [];
  let rssReset = true;
  const sliceS = options.durationS / options.rounds;
  for (const connections of options.connections) {
    for (const target of options.targets) {
      const server = servers[target];
      if (server && !server.resetPeakRss()) rssReset = false;
    }
    // Rounds interleave the targets, so a slow stretch of this shared machine falls on all of them.
    const measured = new Map<TargetName, { slices: LoadSlice[]; cpuMs: number | null }>();
    for (let round = 0; round < options.rounds; round += 1) {
      for (const target of options.targets) {
        const request = requestFor(target, endpoints, false);
        // CPU of the process serving this row: the server under test, or the emulator for `direct`.
        const serving = servers[target] ?? stack.emulator;
        await runLoad(request, connections, options.warmupS);
        const cpuBefore = serving.cpuTimeMs();
        const slice = await runLoad(request, connections, sliceS);
        const cpuAfter = serving.cpuTimeMs();
        const entry = measured.get(target) ?? { slices: [], cpuMs: 0 };
        entry.slices.push(slice);
        entry.cpuMs =
          entry.cpuMs === null || cpuBefore === null || cpuAfter === null
            ? null
            : entry.cpuMs + cpuAfter - cpuBefore;
        measured.set(target, entry);
      }
    }
    for (const target of options.targets) {
      const { slices, cpuMs } = measured.get(target) ?? { slices: [], cpuMs: null };
      const result = combineSlices(connections, slices);
      const server = servers[target];
      const floor = load.find((row) => row.target === 'direct' && row.connections === connections);
      const row: LoadRow = {
        target,
        connections,
        result,
        added_ms: target === 'direct' || !floor ? null : added(result.latency_ms, floor.result.latency_ms),
        peak_rss_mb: server ? server.peakRssMb() : null,
        cpu_ms_per_request:
          cpuMs === null || result.requests === 0
            ? null
            : Math.round((cpuMs / result.requests) * 1000) / 1000,
      };
      load.push(row);
      options.log(
        `  ${latencyMs} ms  c=${connections}  ${target.padEnd(10)}  p50 ${result.latency_ms.p50} p95 ` +
          `${result.latency_ms.p95} p99 ${result.latency_ms.p99} ms  ${result.rps} req/s ` +
          `(rounds ${result.rounds_rps.join(', ')})  cpu ${row.cpu_ms_per_request ?? '-'} ms/req  ` +
          `rss ${row.peak_rss_mb ?? '-'} MB  ` +
          (result.own_overhead_ms
            ? `own p50 ${result.own_overhead_ms.p50} p99 ${result.own_overhead_ms.p99} ms  `
            : '') +
          `failed ${result.non_2xx + result.errors}`,
      );
    }
  }
  const firstToken: FirstTokenRow[] = [];
  if (options.firstTokenRequests > 0) {
    const { streams, connections } = options.warmup;
    if (streams > 0)
      for (const target of options.targets)
        await sendAmount(requestFor(target, endpoints, true), connections, streams);
    // The streams are taken in the same interleaved rounds as the load.
    const times = new Map<TargetName, number[]>();
    for (let round = 0; round < options.rounds; round += 1) {
      for (const target of options.targets) {
        const request = requestFor(target, endpoints, true);
        const count = streamsInRound(options.firstTokenRequests, options.rounds, round);
        const samples = await firstTokenTimes(target, request, count, 3);
        times.set(target, [...(times.get(target) ?? []), ...samples]);
      }
    }
    for (const target of options.targets) {
      const samples = times.get(target) ?? [];
      const result = { requests: samples.length, ttft_ms: summarize(samples) };
      const floor = firstToken.find((row) => row.target === 'direct');
      firstToken.push({
        target,
        ...result,
        added_ms:
          target === 'direct' || !floor
            ? null
            : {
                p50: Math.round((result.ttft_ms.p50 - floor.ttft_ms.p50) * 1000) / 1000,
                p95: Math.round((result.ttft_ms.p95 - floor.ttft_ms.p95) * 1000) / 1000,
              },
      });
      options.log(
        `  ${latencyMs} ms  stream   ${target.padEnd(10)}  ttft p50 ${result.ttft_ms.p50} p95 ${result.ttft_ms.p95} ms`,
      );
    }
  }
  return { run: { upstream_latency_ms: latencyMs, load, first_token: firstToken }, rssReset };
}

/** The streams of one round: `total` spread over the rounds, the first ones taking the remainder. */
function streamsInRound(total: number, rounds: number, round: number): number {
  return Math.floor(total / rounds) + (round < total % rounds ? 1 : 0);
}

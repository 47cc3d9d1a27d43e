import { measureFirstToken } from './first-token';
import { runLoad } from './load';
import type { FirstTokenRow, LoadRow, UpstreamRun } from './results';
import type { ServerProcess } from './server-process';
import type { Stack } from './stack';
import { added } from './stats';
import { Endpoints, requestFor, TargetName } from './workloads';

export interface MeasureOptions {
  connections: number[];
  durationS: number;
  warmupS: number;
  firstTokenRequests: number;
  targets: TargetName[];
  log: (line: string) => void;
}

/**
 * One upstream latency: every target at every concurrency, one after another on the same emulator,
 * then the streaming time to first token. Each row's peak RSS is the server's VmHWM, reset before it.
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
  const load: LoadRow[] = [];
  let rssReset = true;
  for (const connections of options.connections) {
    for (const target of options.targets) {
      const request = requestFor(target, endpoints, false);
      const server = servers[target];
      if (server && !server.resetPeakRss()) rssReset = false;
      await runLoad(request, connections, options.warmupS);
      // CPU of the process serving this row: the gateway under test, or the emulator for `direct`.
      const serving = server ?? stack.emulator;
      const cpuBefore = serving.cpuTimeMs();
      const result = await runLoad(request, connections, options.durationS);
      const cpuAfter = serving.cpuTimeMs();
      const floor = load.find((row) => row.target === 'direct' && row.connections === connections);
      const row: LoadRow = {
        target,
        connections,
        result,
        added_ms: target === 'direct' || !floor ? null : added(result.latency_ms, floor.result.latency_ms),
        peak_rss_mb: server ? server.peakRssMb() : null,
        cpu_ms_per_request:
          cpuBefore === null || cpuAfter === null || result.requests === 0
            ? null
            : Math.round(((cpuAfter - cpuBefore) / result.requests) * 1000) / 1000,
      };
      load.push(row);
      options.log(
        `  ${latencyMs} ms  c=${connections}  ${target.padEnd(10)}  p50 ${result.latency_ms.p50} p95 ` +
          `${result.latency_ms.p95} p99 ${result.latency_ms.p99} ms  ${result.rps} req/s  ` +
          `cpu ${row.cpu_ms_per_request ?? '-'} ms/req  rss ${row.peak_rss_mb ?? '-'} MB  failed ${result.non_2xx + result.errors}`,
      );
    }
  }
  const firstToken: FirstTokenRow[] = [];
  if (options.firstTokenRequests > 0) {
    for (const target of options.targets) {
      const request = requestFor(target, endpoints, true);
      const result = await measureFirstToken(target, request, options.firstTokenRequests, 5);
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

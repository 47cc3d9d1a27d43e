import autocannon from 'autocannon';
import { LatencySummary, round, summarize } from './stats';
import type { HttpRequestSpec } from './workloads';

export interface LoadResult {
  connections: number;
  duration_s: number;
  requests: number;
  non_2xx: number;
  errors: number;
  rps: number;
  latency_ms: LatencySummary;
}

/**
 * Closed-loop load with autocannon (keep-alive, no pipelining). Latencies are taken from autocannon's
 * `response` events in fractional milliseconds: its own histogram rounds to whole milliseconds, too
 * coarse for a 1 ms budget.
 */
export function runLoad(
  request: HttpRequestSpec,
  connections: number,
  durationS: number,
): Promise<LoadResult> {
  const samples: number[] = [];
  let non2xx = 0;
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: request.url,
        method: 'POST',
        headers: request.headers,
        body: request.body,
        connections,
        duration: durationS,
        pipelining: 1,
        timeout: 30,
      },
      (error: unknown, result: autocannon.Result) => {
        if (error) {
          reject(error instanceof Error ? error : new Error('autocannon failed'));
          return;
        }
        resolve({
          connections,
          duration_s: durationS,
          requests: samples.length,
          non_2xx: non2xx,
          errors: result.errors + result.timeouts,
          rps: round(samples.length / durationS, 1),
          latency_ms: summarize(samples),
        });
      },
    );
    instance.on('response', (_client, statusCode: number, _bytes: number, responseTime: number) => {
      if (statusCode >= 200 && statusCode < 300) samples.push(responseTime);
      else non2xx += 1;
    });
  });
}

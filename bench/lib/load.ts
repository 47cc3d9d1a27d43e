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
  /** Requests per second of each round (rows are measured in rounds interleaved with the other targets). */
  rounds_rps: number[];
}

/** One stretch of load: the latency of every 2xx answer, and the failures. */
export interface LoadSlice {
  /** Measured (wall clock), not asked: autocannon's durations are whole seconds. */
  durationS: number;
  latencies: number[];
  non2xx: number;
  errors: number;
}

/** The one chat as autocannon sends it: POST, keep-alive, no pipelining, 30 s timeout. */
const chatOptions = (request: HttpRequestSpec) => ({
  url: request.url,
  method: 'POST' as const,
  headers: request.headers,
  body: request.body,
  pipelining: 1,
  timeout: 30,
});

/**
 * Closed-loop load with autocannon (keep-alive, no pipelining). Latencies are taken from autocannon's
 * `response` events in fractional milliseconds: its own histogram rounds to whole milliseconds, too
 * coarse for a 1 ms budget.
 */
export function runLoad(
  request: HttpRequestSpec,
  connections: number,
  durationS: number,
): Promise<LoadSlice> {
  const latencies: number[] = [];
  let non2xx = 0;
  const startedAt = performance.now();
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      { ...chatOptions(request), connections, duration: durationS },
      (error: unknown, result: autocannon.Result) => {
        if (error) {
          reject(error instanceof Error ? error : new Error('autocannon failed'));
          return;
        }
        const measuredS = (performance.now() - startedAt) / 1000;
        resolve({ durationS: measuredS, latencies, non2xx, errors: result.errors + result.timeouts });
      },
    );
    instance.on('response', (_client, statusCode: number, _bytes: number, responseTime: number) => {
      if (statusCode >= 200 && statusCode < 300) latencies.push(responseTime);
      else non2xx += 1;
    });
  });
}

/**
 * Sends `amount` requests with `connections` in flight and waits for the answers, measuring nothing: the
 * warm-up that brings a server to steady state (its JIT settled) before its first measured slice. Fails
 * when more than 1 % of the answers are not 2xx, since a failing warm-up warms the wrong path.
 */
export function sendAmount(request: HttpRequestSpec, connections: number, amount: number): Promise<void> {
  return new Promise((resolve, reject) => {
    autocannon(
      { ...chatOptions(request), connections: Math.min(connections, amount), amount },
      (error: unknown, result: autocannon.Result) => {
        if (error) reject(error instanceof Error ? error : new Error('autocannon failed'));
        else if (result.non2xx + result.errors + result.timeouts > amount / 100)
          reject(new Error(`warm-up of ${request.url}: ${result.non2xx} non-2xx, ${result.errors} errors`));
        else resolve();
      },
    );
  });
}

/** The row of one target: every round's answers together (percentiles over all of them). */
export function combineSlices(connections: number, slices: readonly LoadSlice[]): LoadResult {
  const latencies = slices.flatMap((slice) => slice.latencies);
  const durationS = slices.reduce((sum, slice) => sum + slice.durationS, 0);
  return {
    connections,
    duration_s: durationS,
    requests: latencies.length,
    non_2xx: slices.reduce((sum, slice) => sum + slice.non2xx, 0),
    errors: slices.reduce((sum, slice) => sum + slice.errors, 0),
    rps: round(latencies.length / durationS, 1),
    latency_ms: summarize(latencies),
    rounds_rps: slices.map((slice) => round(slice.latencies.length / slice.durationS, 1)),
  };
}

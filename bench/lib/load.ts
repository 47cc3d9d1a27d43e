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
  /**
   * The server's own account of its time (`x-gateway-overhead-ms`, API.md: time inside the gateway, the
   * wait on Bedrock excluded) over its 2xx answers; null for a server that does not send the header.
   */
  own_overhead_ms: LatencySummary | null;
  /** Requests per second of each round (rows are measured in rounds interleaved with the other targets). */
  rounds_rps: number[];
}

/** One stretch of load: the latency of every 2xx answer, and the failures. */
export interface LoadSlice {
  /** Measured (wall clock), not asked: autocannon's durations are whole seconds. */
  durationS: number;
  latencies: number[];
  /** `x-gateway-overhead-ms` of the 2xx answers that carried it. */
  overheads: number[];
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
  const overheads: number[] = [];
  // One request at a time per connection (no pipelining): a client's last headers are its answer's.
  const lastOverhead = new WeakMap<object, number>();
  let non2xx = 0;
  const startedAt = performance.now();
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        ...chatOptions(request),
        connections,
        duration: durationS,
        setupClient: (client: NodeJS.EventEmitter) =>
          client.on('headers', (info: { headers: string[] }) => {
            const value = overheadHeader(info.headers);
            if (value === undefined) lastOverhead.delete(client);
            else lastOverhead.set(client, value);
          }),
      },
      (error: unknown, result: autocannon.Result) => {
        if (error) {
          reject(error instanceof Error ? error : new Error('autocannon failed'));
          return;
        }
        const measuredS = (performance.now() - startedAt) / 1000;
        resolve({
          durationS: measuredS,
          latencies,
          overheads,
          non2xx,
          errors: result.errors + result.timeouts,
        });
      },
    );
    instance.on('response', (client, statusCode: number, _bytes: number, responseTime: number) => {
      if (statusCode < 200 || statusCode >= 300) {
        non2xx += 1;
        return;
      }
      latencies.push(responseTime);
      const overhead = lastOverhead.get(client);
      if (overhead !== undefined) overheads.push(overhead);
    });
  });
}

/** `x-gateway-overhead-ms` from a raw header list (name, value, name, value, …), if present. */
function overheadHeader(headers: readonly string[]): number | undefined {
  for (let index = 0; index + 1 < headers.length; index += 2) {
    if (headers[index]?.toLowerCase() !== 'x-gateway-overhead-ms') continue;
    const value = Number(headers[index + 1]);
    return Number.isFinite(value) ? value : undefined;
  }
  return undefined;
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
  const overheads = slices.flatMap((slice) => slice.overheads);
  const durationS = slices.reduce((sum, slice) => sum + slice.durationS, 0);
  return {
    connections,
    duration_s: durationS,
    requests: latencies.length,
    non_2xx: slices.reduce((sum, slice) => sum + slice.non2xx, 0),
    errors: slices.reduce((sum, slice) => sum + slice.errors, 0),
    rps: round(latencies.length / durationS, 1),
    latency_ms: summarize(latencies),
    own_overhead_ms: overheads.length === 0 ? null : summarize(overheads),
    rounds_rps: slices.map((slice) => round(slice.latencies.length / slice.durationS, 1)),
  };
}

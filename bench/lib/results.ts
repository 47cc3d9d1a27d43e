import type { GovernanceProbe } from './gateway-setup';
import type { LoadResult } from './load';
import type { MachineInfo } from './machine';
import type { LatencySummary } from './stats';
import type { TargetName } from './workloads';

/** The shape of bench/results/latest.json. */
export interface LoadRow {
  target: TargetName;
  connections: number;
  result: LoadResult;
  /** Latency over `direct` at the same concurrency, per percentile; null for direct itself. */
  added_ms: Pick<LatencySummary, 'p50' | 'p95' | 'p99'> | null;
  /** VmHWM of the server process during this measurement (warm-up included); null for direct. */
  peak_rss_mb: number | null;
  /**
   * CPU time (user + system) of the serving process per request during the measurement: the gateway's,
   * or the emulator's for `direct`. Steadier than latency on a shared machine.
   */
  cpu_ms_per_request: number | null;
}

export interface FirstTokenRow {
  requests: number;
  ttft_ms: LatencySummary;
  target: TargetName;
  added_ms: Pick<LatencySummary, 'p50' | 'p95'> | null;
}

export interface UpstreamRun {
  upstream_latency_ms: number;
  load: LoadRow[];
  first_token: FirstTokenRow[];
}

export interface TargetCheck {
  upstream_latency_ms: number;
  target: string;
  limit: string;
  measured: string;
  pass: boolean;
  /** The same figure for the bare SDK proxy (the floor of an SDK-based gateway), when it ran. */
  sdk_proxy: string | null;
  /** The same figure for the bare Nest proxy (the floor of an SDK-based gateway on Nest), when it ran. */
  nest_proxy: string | null;
}

export interface BenchResults {
  generated_at: string;
  machine: MachineInfo;
  gateway_runtime: string;
  governance: GovernanceProbe;
  rss_reset_per_measurement: boolean;
  settings: {
    duration_s: number;
    /** Interleaved rounds per row (older results: 1). */
    rounds?: number;
    warmup_s: number;
    /** Chats each target served before its first slice, and streams before its first timed stream (older results: none). */
    warmup_requests?: number;
    warmup_streams?: number;
    connections: number[];
    upstream_latencies_ms: number[];
    first_token_requests: number;
    model: string;
    max_tokens: number;
  };
  runs: UpstreamRun[];
  targets: TargetCheck[];
}

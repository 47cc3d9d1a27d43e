/** Timings of the readiness checks. */
export interface HealthProbeOptions {
  /** How often the background refresher calls the control plane. */
  bedrockIntervalMs: number;
  /** Deadline of one reachability call. */
  bedrockTimeoutMs: number;
  /** A reachability result older than this no longer counts (the refresher is stuck or behind). */
  bedrockMaxAgeMs: number;
  /** How long a usage-store write probe result is reused. */
  storeCacheMs: number;
  /** Deadline of one usage-store write probe. */
  storeTimeoutMs: number;
}

/** DI token of `HealthProbeOptions`. */
export const HEALTH_PROBE_OPTIONS = 'gateway:health:probe-options';

/**
 * Bedrock: checked every 10 s in the background, 3 s per call (the emulator's BEDROCK_LOCAL_LATENCY_MS
 * applies to control-plane calls too), a result counts for 30 s. Store: one write per second at most.
 */
export const DEFAULT_HEALTH_PROBE_OPTIONS: HealthProbeOptions = {
  bedrockIntervalMs: 10_000,
  bedrockTimeoutMs: 3_000,
  bedrockMaxAgeMs: 30_000,
  storeCacheMs: 1_000,
  storeTimeoutMs: 1_000,
};

/** Options of the live availability refresher (ListFoundationModels). */
export interface ModelAvailabilityOptions {
  /** How often the list is fetched again, in the background. */
  refreshIntervalMs: number;
  /** Deadline of one ListFoundationModels call. */
  timeoutMs: number;
  /** A list older than this (the control plane kept failing) is no longer shown as `available`. */
  maxAgeMs: number;
}

/** DI token of `ModelAvailabilityOptions`. */
export const MODEL_AVAILABILITY_OPTIONS = 'gateway:models:availability-options';

/** Model lists change rarely: a refresh every 5 minutes; a list is trusted for 30 minutes. */
export const DEFAULT_MODEL_AVAILABILITY_OPTIONS: ModelAvailabilityOptions = {
  refreshIntervalMs: 5 * 60_000,
  timeoutMs: 5_000,
  maxAgeMs: 30 * 60_000,
};

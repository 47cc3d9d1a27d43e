/**
 * The budget and rate counters (Redis) failed or did not answer in time, so a governed call cannot be
 * admitted: it is refused (limits fail closed) with 503 `not_ready`, a dependency outage a caller or a
 * mesh may retry on another instance, not a gateway bug (500). The cause is logged, never shown.
 */
export class CountersUnavailableError extends Error {
  readonly code = 'not_ready';
  /** Read by the usage record and the failure log, which say what the caller got. */
  readonly status = 503;
  readonly retryAfterSeconds = 1;

  constructor(options?: { cause?: unknown }) {
    super("The gateway's rate and budget counters do not answer; try again shortly.", options);
    this.name = 'CountersUnavailableError';
  }
}

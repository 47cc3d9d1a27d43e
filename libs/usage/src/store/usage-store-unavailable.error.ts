/**
 * The store's database did not answer in time or could not be reached (a connection refused, reset or
 * not opened in time; a statement past its time bound). Maps to a 503 `not_ready`: the report can be
 * asked again later, and it is not a fault of the gateway's own (500). The message is written for
 * callers and names no host; `reason` (the server's address and the driver's words) is for the log and
 * the boot's error line.
 */
export class UsageStoreUnavailableError extends Error {
  readonly code = 'not_ready';

  constructor(
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(
      "The usage ledger's database is unreachable or did not answer in time; try again later (a shorter range reads less).",
      options,
    );
    this.name = 'UsageStoreUnavailableError';
  }
}

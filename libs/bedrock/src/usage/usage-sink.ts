import type { UsageEvent } from './usage-event';

/**
 * Port through which every model call's usage event leaves the request path.
 * Bound with `useClass`/`useExisting`; the ledger (libs/usage) provides the real adapter.
 * `record` must not block or throw into the request: implementations buffer.
 */
export abstract class UsageSink {
  abstract record(event: UsageEvent): void;
}

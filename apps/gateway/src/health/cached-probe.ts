import { Logger } from '@nestjs/common';
import { withTimeout } from '../common/runtime/with-timeout';
import { describeError, errorName } from './error-name';

/** The outcome of one probe. */
export interface ProbeOutcome {
  ok: boolean;
  /** Date.now() when the probe settled. */
  checkedAt: number;
  /** The error's name or system code (`errorName`), never its message: the probes answer anyone. */
  error: string | null;
}

const logger = new Logger('Readiness');

export interface CachedProbeOptions {
  /** What is probed, for the log line written when its outcome changes (`usage store`). */
  name: string;
  /** How long an outcome is reused before the next caller runs the probe again. */
  ttlMs: number;
  /** A probe that has not settled by then counts as failed. */
  timeoutMs: number;
}

/**
 * Runs an async check at most once per `ttlMs`, shares one run between concurrent callers, and bounds it
 * with `timeoutMs`, so a readiness probe under load neither hammers a dependency nor hangs on it.
 */
export class CachedProbe {
  private last: ProbeOutcome | null = null;
  private running: Promise<ProbeOutcome> | null = null;

  constructor(
    private readonly probe: () => Promise<void>,
    private readonly options: CachedProbeOptions,
  ) {}

  outcome(): Promise<ProbeOutcome> {
    if (this.last && Date.now() - this.last.checkedAt < this.options.ttlMs) return Promise.resolve(this.last);
    this.running ??= this.run().finally(() => (this.running = null));
    return this.running;
  }

  private async run(): Promise<ProbeOutcome> {
    const previous = this.last;
    try {
      await withTimeout(this.probe(), this.options.timeoutMs);
      this.last = { ok: true, checkedAt: Date.now(), error: null };
      if (previous && !previous.ok) logger.warn(`${this.options.name} answers again`);
    } catch (error) {
      this.last = { ok: false, checkedAt: Date.now(), error: errorName(error) };
      if (previous?.error !== this.last.error)
        logger.warn(`${this.options.name} is not ready: ${describeError(error)}`);
    }
    return this.last;
  }
}

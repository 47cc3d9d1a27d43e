/** The outcome of one probe. */
export interface ProbeOutcome {
  ok: boolean;
  /** Date.now() when the probe settled. */
  checkedAt: number;
  error: string | null;
}

export interface CachedProbeOptions {
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
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`no answer within ${this.options.timeoutMs} ms`)),
        this.options.timeoutMs,
      );
    });
    try {
      await Promise.race([this.probe(), timeout]);
      this.last = { ok: true, checkedAt: Date.now(), error: null };
    } catch (error) {
      this.last = {
        ok: false,
        checkedAt: Date.now(),
        error: error instanceof Error ? error.message : String(error),
      };
    } finally {
      clearTimeout(timer);
    }
    return this.last;
  }
}

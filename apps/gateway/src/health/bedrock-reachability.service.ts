import { ListFoundationModelsCommand } from '@aws-sdk/client-bedrock';
import { BedrockClients } from '@app/bedrock';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { reachedBedrock } from './reached-bedrock';
import { HEALTH_PROBE_OPTIONS, type HealthProbeOptions } from './health.constants';
import { describeError, errorName } from './error-name';

/** The last reachability check of one region. */
export interface RegionReachability {
  reachable: boolean;
  /** ISO time the check settled. */
  checked_at: string;
  latency_ms: number;
  error: string | null;
}

export interface BedrockReachabilityStatus {
  /** At least one configured region answered recently (failover serves from any of them). */
  up: boolean;
  regions: Record<string, RegionReachability & { stale: boolean }>;
}

/**
 * Whether Bedrock answers, per configured region, from a cheap control-plane call (ListFoundationModels,
 * never a model invocation) with a short deadline. A background refresher on an unref'd timer keeps the
 * last result; readiness only reads it, so a probe never waits on Bedrock.
 */
@Injectable()
export class BedrockReachability implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(BedrockReachability.name);
  private readonly results = new Map<string, RegionReachability & { at: number }>();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly clients: BedrockClients,
    @Inject(HEALTH_PROBE_OPTIONS) private readonly options: HealthProbeOptions,
  ) {}

  /** The first check is awaited (bounded by the call deadline) so a fresh instance reports a real state. */
  async onApplicationBootstrap(): Promise<void> {
    this.timer = setInterval(() => void this.refresh(), this.options.bedrockIntervalMs);
    this.timer.unref();
    await this.refresh();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  status(): BedrockReachabilityStatus {
    const now = Date.now();
    const regions: BedrockReachabilityStatus['regions'] = {};
    for (const [region, { at, ...result }] of this.results) {
      regions[region] = { ...result, stale: now - at > this.options.bedrockMaxAgeMs };
    }
    const up = Object.values(regions).some((region) => region.reachable && !region.stale);
    return { up, regions };
  }

  /** Checks every configured region once (concurrent callers share the run). Never throws. */
  refresh(): Promise<void> {
    this.running ??= Promise.all(this.clients.regions.map((region) => this.check(region)))
      .then(() => undefined)
      .finally(() => (this.running = null));
    return this.running;
  }

  private async check(region: string): Promise<void> {
    const started = performance.now();
    let error: unknown = null;
    try {
      await this.clients.control(region).send(new ListFoundationModelsCommand({}), {
        abortSignal: AbortSignal.timeout(this.options.bedrockTimeoutMs),
      });
    } catch (caught) {
      error = caught;
    }
    const reachable = error === null || reachedBedrock(error);
    const previous = this.results.get(region);
    const shown = error === null ? null : errorName(error);
    // The message goes to the log only: AWS's can name the account, the role and the instance, and the
    // probes answer anyone.
    if (error !== null && previous?.error !== shown) {
      this.logger.warn(
        `Bedrock ${region} ${reachable ? 'answers' : 'is unreachable'}: ${describeError(error)}`,
      );
    } else if (error === null && previous && !previous.reachable) {
      this.logger.warn(`Bedrock ${region} is reachable again`);
    }
    this.results.set(region, {
      reachable,
      checked_at: new Date().toISOString(),
      latency_ms: Math.round(performance.now() - started),
      error: shown,
      at: Date.now(),
    });
  }
}

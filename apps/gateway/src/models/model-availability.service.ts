import { ListFoundationModelsCommand } from '@aws-sdk/client-bedrock';
import { BedrockClients } from '@app/bedrock';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { MODEL_AVAILABILITY_OPTIONS, type ModelAvailabilityOptions } from './models.constants';

/** A listed model's lifecycle as Bedrock gives it (`modelLifecycle`, bedrock-wire.md §6.1). */
export interface LiveLifecycle {
  legacy: boolean;
  /** ISO-8601; null when Bedrock names no end of life. */
  endOfLife: string | null;
}

interface Snapshot {
  models: ReadonlyMap<string, LiveLifecycle>;
  fetchedAt: number;
}

/**
 * Which foundation models the primary region offers, and their lifecycle (Legacy, end of life), from
 * ListFoundationModels. Fetched in the
 * background (at boot, then every `refreshIntervalMs` on an unref'd timer), never on a request's path:
 * readers get the last list, or `undefined` when there is none recent enough. A failing control plane
 * keeps the last list until it is `maxAgeMs` old; the catalog answers either way.
 */
@Injectable()
export class ModelAvailability implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ModelAvailability.name);
  private snapshot: Snapshot | null = null;
  private timer: NodeJS.Timeout | null = null;
  private inFlight: Promise<void> | null = null;
  private failing = false;

  constructor(
    private readonly clients: BedrockClients,
    @Inject(MODEL_AVAILABILITY_OPTIONS) private readonly options: ModelAvailabilityOptions,
  ) {}

  onApplicationBootstrap(): void {
    void this.refresh();
    this.timer = setInterval(() => void this.refresh(), this.options.refreshIntervalMs);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** true/false from the last recent list; undefined while unknown (never fetched, or too old). */
  isAvailable(modelId: string): boolean | undefined {
    return this.recent()?.models.has(modelId);
  }

  /** The lifecycle the last recent list gives a model; undefined when unknown or not listed. */
  lifecycle(modelId: string): LiveLifecycle | undefined {
    return this.recent()?.models.get(modelId);
  }

  private recent(): Snapshot | undefined {
    const snapshot = this.snapshot;
    return snapshot && Date.now() - snapshot.fetchedAt <= this.options.maxAgeMs ? snapshot : undefined;
  }

  /** Fetches the list once (concurrent callers share the call). Never throws. */
  refresh(): Promise<void> {
    this.inFlight ??= this.fetch().finally(() => (this.inFlight = null));
    return this.inFlight;
  }

  private async fetch(): Promise<void> {
    const region = this.clients.regions[0];
    if (region === undefined) return;
    try {
      const output = await this.clients.control(region).send(new ListFoundationModelsCommand({}), {
        abortSignal: AbortSignal.timeout(this.options.timeoutMs),
      });
      const models = new Map<string, LiveLifecycle>();
      for (const { modelId, modelLifecycle } of output.modelSummaries ?? []) {
        if (!modelId) continue;
        const endOfLife = modelLifecycle?.endOfLifeTime;
        models.set(modelId, {
          legacy: modelLifecycle?.status === 'LEGACY',
          endOfLife:
            endOfLife instanceof Date && !Number.isNaN(endOfLife.getTime()) ? endOfLife.toISOString() : null,
        });
      }
      this.snapshot = { models, fetchedAt: Date.now() };
      if (this.failing) this.logger.log(`ListFoundationModels answers again in ${region}`);
      this.failing = false;
    } catch (error) {
      if (!this.failing) {
        this.logger.warn(
          `ListFoundationModels failed in ${region}; model availability kept from the last list: ${describe(error)}`,
        );
      }
      this.failing = true;
    }
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

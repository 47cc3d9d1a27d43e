import { Inject, Injectable, Optional } from '@nestjs/common';
import {
  BrokenCircuitError,
  CircuitBreakerPolicy,
  CircuitState,
  ConsecutiveBreaker,
  ExponentialBackoff,
  RetryPolicy,
  TaskCancelledError,
  circuitBreaker,
  fullJitterGenerator,
  handleWhen,
  retry,
} from 'cockatiel';
import { BEDROCK_MODULE_OPTIONS } from '../clients/bedrock.constants';
import type { BedrockModuleOptions } from '../clients/bedrock-module-options';
import { BedrockError } from '../errors/bedrock-error';
import { BedrockErrorCode } from '../errors/bedrock-error-code';
import { abortError } from '../errors/abort-error';
import { UpstreamResource, toBedrockError } from '../errors/aws-error-mapping';
import { isRefusal, type CallOutcome, type CallProgress } from './call-outcome';
import { NoopResilienceObserver, ResilienceObserver } from './resilience-events';

const isRetryable = (error: Error) => error instanceof BedrockError && error.retryable;
/** The request's own end (deadline or caller gone, `abortError`), not an answer from Bedrock. */
const isAbort = (error: Error) =>
  error instanceof BedrockError &&
  (error.code === BedrockErrorCode.ClientClosed ||
    error.code === BedrockErrorCode.ShuttingDown ||
    (error.code === BedrockErrorCode.UpstreamTimeout && !error.retryable && error.awsName === null));

/** Aborts of calls that were a half-open trial: they keep the circuit open (see `policyFor`). */
const abortedTrials = new WeakSet<Error>();

/**
 * `work`, or `aborted()` as soon as `signal` aborts: the deadline must not wait for a backoff. `work`
 * still settles later, unobserved.
 */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal, aborted: () => Error): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(aborted());
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/**
 * The gateway's single retry layer (the SDK's retries are off): per region, exponential backoff with
 * full jitter for retryable errors only (throttling, 5xx, model not ready, timeouts), behind a circuit
 * breaker per model and region; when a region stays unhealthy, the next configured region is tried.
 * Everything is bounded by the caller's signal (deadline and disconnect). Policies come from cockatiel.
 */
@Injectable()
export class UpstreamPolicy {
  private readonly policies = new Map<string, RegionPolicy>();

  constructor(
    @Inject(BEDROCK_MODULE_OPTIONS) private readonly options: BedrockModuleOptions,
    @Optional() private readonly observer: ResilienceObserver = new NoopResilienceObserver(),
  ) {}

  /**
   * Runs `call` in the primary region, retrying and failing over as configured. `key.regions` replaces
   * the configured regions for a resource that lives in one region (a knowledge base); `key.billable`
   * says whether its attempts generate, and so may be billed (default: model calls do).
   */
  async execute<T>(
    key: { modelId: string; resource: UpstreamResource; regions?: readonly string[]; billable?: boolean },
    signal: AbortSignal,
    call: (region: string, signal: AbortSignal) => Promise<T>,
    progress: CallProgress = {
      attempts: 0,
      region: null,
      failoverRegion: null,
      mayHaveBilled: false,
      bedrockRequestId: null,
    },
  ): Promise<CallOutcome<T>> {
    const regions = key.regions ?? this.options.regions;
    const billable = key.billable ?? key.resource === 'model';
    let attempts = 0;
    let lastError: BedrockError | null = null;
    // What Bedrock last answered (the reason for a retry), and whether an attempt is under way: a deadline
    // that passes during a backoff ends the call with Bedrock's answer (429 throttled, …), not a timeout.
    let bedrockFailure: BedrockError | null = null;
    let attempting = false;
    const whenAborted = (): BedrockError => {
      // Cut during an attempt: Bedrock may be working on it (the attempt's own catch runs later).
      if (attempting && billable) progress.mayHaveBilled = true;
      const aborted = abortError(signal);
      if (aborted.code !== BedrockErrorCode.UpstreamTimeout || attempting || !bedrockFailure) return aborted;
      return bedrockFailure;
    };
    for (const [index, region] of regions.entries()) {
      if (index > 0)
        this.observer.failover({ modelId: key.modelId, from: regions[index - 1] ?? '', to: region });
      const { retries, breaker } = this.policyFor(key.modelId, region);
      try {
        const attempt = retries.execute(({ signal: attemptSignal }) => {
          // cockatiel makes a call that arrives during a half-open trial wait for the trial (up to its
          // deadline); it fails fast instead, as with an open circuit, and the next region is tried.
          if (breaker.state === CircuitState.HalfOpen) throw new BrokenCircuitError();
          return breaker.execute(async () => {
            if (signal.aborted) throw abortError(signal);
            // Whether this call is the half-open trial is known when it starts, not when it fails:
            // cockatiel starts the trial while its state still reads Open.
            const trial = breaker.state !== CircuitState.Closed;
            // Every attempt after the call's first is a retry, in this region or after a failover, as the
            // ledger counts them (attempts − 1); it is counted when it reaches Bedrock.
            if (attempts > 0) {
              const code = bedrockFailure?.code ?? 'unknown';
              this.observer.retry({ modelId: key.modelId, region, code });
            }
            attempts += 1;
            progress.attempts += 1;
            progress.region = region;
            if (index > 0) progress.failoverRegion = region;
            attempting = true;
            try {
              const value = await call(region, signal);
              if (billable) progress.mayHaveBilled = true;
              progress.bedrockRequestId = requestIdOf(value) ?? progress.bedrockRequestId;
              return value;
            } catch (error) {
              const failure = this.classify(error, key.resource, signal);
              if (billable && !isRefusal(failure)) progress.mayHaveBilled = true;
              progress.bedrockRequestId = failure.upstream?.requestId ?? progress.bedrockRequestId;
              if (trial && isAbort(failure)) abortedTrials.add(failure);
              if (!isAbort(failure)) bedrockFailure = failure;
              throw failure;
            } finally {
              attempting = false;
            }
          }, attemptSignal);
        }, signal);
        const value = await untilAborted(attempt, signal, whenAborted);
        return { value, region, attempts, failoverRegion: index > 0 ? region : null };
      } catch (error) {
        lastError = this.classify(error, key.resource, signal);
        if (!lastError.retryable || signal.aborted) throw lastError;
      }
    }
    throw (
      lastError ?? new BedrockError(BedrockErrorCode.UpstreamUnavailable, 'No Bedrock region is configured.')
    );
  }

  /** Circuit state per model and region, for /metrics. */
  circuitStates(): { modelId: string; region: string; state: CircuitState }[] {
    return [...this.policies.entries()].map(([key, { breaker }]) => {
      const [modelId = '', region = ''] = key.split('|');
      return { modelId, region, state: breaker.state };
    });
  }

  private classify(error: unknown, resource: UpstreamResource, signal: AbortSignal): BedrockError {
    if (error instanceof BedrockError) return error;
    if (signal.aborted) return abortError(signal);
    if (error instanceof BrokenCircuitError) {
      return new BedrockError(
        BedrockErrorCode.UpstreamUnavailable,
        `Bedrock is failing for this ${resource === 'knowledge_base' ? 'knowledge base' : 'model'}; the circuit is open.`,
        true,
        'BrokenCircuit',
      );
    }
    if (error instanceof TaskCancelledError) return abortError(signal);
    return toBedrockError(error, resource);
  }

  /** The retry policy and the circuit breaker of one model in one region (the breaker runs inside). */
  private policyFor(modelId: string, region: string): RegionPolicy {
    const key = `${modelId}|${region}`;
    let policy = this.policies.get(key);
    if (!policy) {
      const { retry: r, circuit } = this.options;
      // An aborted half-open trial proves nothing about the region, so it keeps the circuit open:
      // cockatiel closes the circuit on an error its policy does not handle.
      const breaker = circuitBreaker(
        handleWhen((error) => isRetryable(error) || abortedTrials.has(error)),
        {
          halfOpenAfter: circuit.halfOpenAfterMs,
          breaker: new ConsecutiveBreaker(circuit.consecutiveFailures),
        },
      );
      breaker.onBreak(() => this.observer.circuitState({ modelId, region, state: 'open' }));
      breaker.onHalfOpen(() => this.observer.circuitState({ modelId, region, state: 'half_open' }));
      breaker.onReset(() => this.observer.circuitState({ modelId, region, state: 'closed' }));
      // Once the circuit has opened (this call's failure may have opened it) a backoff would only delay
      // the next region: the region is given up at once.
      const retries = retry(
        handleWhen((error) => isRetryable(error) && breaker.state === CircuitState.Closed),
        {
          maxAttempts: r.maxAttempts - 1,
          backoff: new ExponentialBackoff({
            generator: fullJitterGenerator,
            initialDelay: r.baseDelayMs,
            maxDelay: r.maxDelayMs,
          }),
        },
      );
      policy = { retries, breaker };
      this.policies.set(key, policy);
    }
    return policy;
  }
}

interface RegionPolicy {
  retries: RetryPolicy;
  breaker: CircuitBreakerPolicy;
}

/** The `x-amzn-RequestId` an SDK command's output carries (`$metadata.requestId`), if any. */
function requestIdOf(output: unknown): string | null {
  const metadata = (output as { $metadata?: { requestId?: unknown } } | null | undefined)?.$metadata;
  return typeof metadata?.requestId === 'string' ? metadata.requestId : null;
}

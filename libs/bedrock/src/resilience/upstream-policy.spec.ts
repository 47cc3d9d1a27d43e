import { CircuitState } from 'cockatiel';
import { BedrockError } from '../errors/bedrock-error';
import { BedrockErrorCode } from '../errors/bedrock-error-code';
import type { BedrockModuleOptions } from '../clients/bedrock-module-options';
import { UpstreamPolicy } from './upstream-policy';
import { ResilienceObserver } from './resilience-events';

const throttled = () =>
  new BedrockError(BedrockErrorCode.UpstreamThrottled, 'throttled', true, 'ThrottlingException');
const key = { modelId: 'm', resource: 'model' as const };

/** Records the retries the policy reports. */
class RecordingObserver extends ResilienceObserver {
  readonly retries: string[] = [];
  retry(event: { region: string; code: string }): void {
    this.retries.push(`${event.region}:${event.code}`);
  }
  failover(): void {}
  circuitState(): void {}
}

function policyWith(
  retry: BedrockModuleOptions['retry'],
  circuit: BedrockModuleOptions['circuit'],
  regions = ['us-east-1'],
  observer?: ResilienceObserver,
) {
  return new UpstreamPolicy(
    {
      regions,
      endpoints: {},
      regionEndpoints: {},
      httpHandler: 'http1',
      maxSockets: 10,
      retry,
      circuit,
      arnHints: {},
    },
    observer,
  );
}

/** Settles when `signal` aborts, as an SDK call does (rejecting with the abort). */
const untilAbort = (signal: AbortSignal) =>
  new Promise<never>((_, reject) => signal.addEventListener('abort', () => reject(new Error('aborted'))));

const deadline = (ms: number) => {
  const controller = new AbortController();
  setTimeout(() => controller.abort(), ms).unref();
  return controller.signal;
};

/** A policy for one region whose circuit opens after `failures` throttles and half-opens after 20 ms. */
const breakerPolicy = (failures: number) =>
  policyWith(
    { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1 },
    { consecutiveFailures: failures, halfOpenAfterMs: 20 },
  );

/** Throttles until the circuit opens, then waits until a call would be its half-open trial. */
async function openUntilHalfOpen(policy: UpstreamPolicy, failures: number): Promise<void> {
  for (let i = 0; i < failures; i += 1) {
    await expect(policy.execute(key, deadline(5_000), () => Promise.reject(throttled()))).rejects.toThrow();
  }
  await new Promise((resolve) => setTimeout(resolve, 40));
}

describe('UpstreamPolicy and the request signal', () => {
  it('leaves a backoff wait when the deadline passes, with what Bedrock last answered', async () => {
    const policy = policyWith(
      { maxAttempts: 3, baseDelayMs: 3_000, maxDelayMs: 6_000 },
      { consecutiveFailures: 1000, halfOpenAfterMs: 60_000 },
    );
    const started = Date.now();

    const outcome = policy.execute(key, deadline(50), () => Promise.reject(throttled()));

    // The call was throttled, not slow: a 504 for the wait would hide why.
    await expect(outcome).rejects.toMatchObject({ code: BedrockErrorCode.UpstreamThrottled });
    // Two full-jitter waits of 0–3 s and 0–6 s: sleeping them out would rarely end within a second.
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('still ends with a timeout when the deadline passes during an attempt', async () => {
    const policy = policyWith(
      { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 1 },
      { consecutiveFailures: 1000, halfOpenAfterMs: 60_000 },
    );
    let calls = 0;

    const outcome = policy.execute(key, deadline(50), (_, signal) =>
      (calls += 1) === 1 ? Promise.reject(throttled()) : untilAbort(signal),
    );

    await expect(outcome).rejects.toMatchObject({ code: BedrockErrorCode.UpstreamTimeout });
    expect(calls).toBe(2);
  });

  it('fails a call that arrives during a half-open trial at once, instead of making it wait for the trial', async () => {
    const policy = breakerPolicy(1);
    await openUntilHalfOpen(policy, 1);
    const trial = policy.execute(key, deadline(60_000), (_, signal) => untilAbort(signal));
    trial.catch(() => undefined);
    let called = false;
    const started = Date.now();

    const other = policy.execute(key, deadline(5_000), () => {
      called = true;
      return Promise.resolve('answered');
    });

    await expect(other).rejects.toMatchObject({ code: BedrockErrorCode.UpstreamUnavailable });
    expect(called).toBe(false);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('sends a call that arrives during a half-open trial to the next region', async () => {
    const policy = policyWith(
      { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1 },
      { consecutiveFailures: 1, halfOpenAfterMs: 20 },
      ['us-east-1', 'us-west-2'],
    );
    const primaryOnly = (region: string, signal: AbortSignal) =>
      region === 'us-east-1' ? untilAbort(signal) : Promise.resolve(region);
    // Open us-east-1's circuit (the call itself fails over), then start its trial, which hangs.
    await policy.execute(key, deadline(5_000), (region) =>
      region === 'us-east-1' ? Promise.reject(throttled()) : Promise.resolve(region),
    );
    await new Promise((resolve) => setTimeout(resolve, 40));
    const trial = policy.execute(key, deadline(60_000), primaryOnly);
    trial.catch(() => undefined);

    const other = await policy.execute(key, deadline(5_000), primaryOnly);

    expect(other).toMatchObject({ value: 'us-west-2', region: 'us-west-2', attempts: 1 });
  });

  it('counts every attempt after the first as a retry when it reaches Bedrock, and gives up a region whose circuit opened', async () => {
    const observer = new RecordingObserver();
    const policy = policyWith(
      { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 1 },
      { consecutiveFailures: 2, halfOpenAfterMs: 60_000 },
      ['us-east-1', 'us-west-2'],
      observer,
    );
    const sent: string[] = [];

    const outcome = await policy.execute(key, deadline(5_000), (region) => {
      sent.push(region);
      return region === 'us-east-1' ? Promise.reject(throttled()) : Promise.resolve(region);
    });

    // Two throttles open us-east-1's circuit: no third attempt (nor its backoff) there, on to us-west-2.
    expect(sent).toEqual(['us-east-1', 'us-east-1', 'us-west-2']);
    // Both attempts after the first are retries, the one in us-west-2 too (the ledger's attempts − 1).
    expect(observer.retries).toEqual(['us-east-1:upstream_throttled', 'us-west-2:upstream_throttled']);
    expect(outcome).toMatchObject({ region: 'us-west-2', attempts: 3, failoverRegion: 'us-west-2' });
  });

  it('keeps the circuit open when its half-open trial is aborted: an abort says nothing of the region', async () => {
    const policy = breakerPolicy(1);
    await openUntilHalfOpen(policy, 1);

    const trial = policy.execute(key, deadline(30), (_, signal) => untilAbort(signal));

    await expect(trial).rejects.toMatchObject({ code: BedrockErrorCode.UpstreamTimeout });
    expect(policy.circuitStates()).toEqual([{ modelId: 'm', region: 'us-east-1', state: CircuitState.Open }]);
  });

  it('lets a successful half-open trial close the circuit though an older call is aborted meanwhile', async () => {
    const policy = breakerPolicy(2);
    const older = new AbortController();
    const olderCall = policy.execute(key, older.signal, (_, signal) => untilAbort(signal));
    olderCall.catch(() => undefined);
    await openUntilHalfOpen(policy, 2);
    const trial = policy.execute(key, deadline(5_000), async () => {
      await new Promise((resolve) => setTimeout(resolve, 30));
      return 'ok';
    });

    older.abort(); // started while the circuit was closed: its abort is not the trial's

    await expect(trial).resolves.toMatchObject({ value: 'ok' });
    expect(policy.circuitStates()[0]!.state).toBe(CircuitState.Closed);
  });
});

import { FaultContext, FaultRegistry } from './fault-registry';

const context = (overrides: Partial<FaultContext> = {}): FaultContext => ({
  operation: 'InvokeModel',
  streaming: false,
  modelIds: ['anthropic.claude-3-haiku-20240307-v1:0', 'claude-3-haiku'],
  prompt: 'what is the weather',
  invocationId: 'inv-1',
  ...overrides,
});

describe('FaultRegistry', () => {
  it('refuses rules the admin endpoint would refuse, whoever hands them over (options, library API)', () => {
    const registry = new FaultRegistry();
    const bad = [{ kind: 'error', errorType: '__proto__' }] as never;

    expect(() => registry.set(bad)).toThrow('Invalid fault rule at 0.errorType: must be an AWS error name');
    expect(() => registry.add([{ kind: 'throttle', times: 0 }])).toThrow('Invalid fault rule at 0.times');
    expect(() => registry.add([{ kind: 'throttle', bogus: 1 }] as never)).toThrow(/Unrecognized key/);
    expect(() => registry.add([{ kind: 'throttle', operation: ['Converse', 'converse'] }] as never)).toThrow(
      /Invalid fault rule at 0\.operation: expected one of .*received \["Converse","converse"\]$/,
    );
    expect(registry.list()).toEqual([]);
  });

  it('fires a times-limited rule on the first N matches only', () => {
    const registry = new FaultRegistry();
    registry.set([{ kind: 'throttle', times: 2 }]);

    const statuses = [1, 2, 3].map(() => registry.plan(context()).error?.status);

    expect(statuses).toEqual([429, 429, undefined]);
  });

  it('spreads a rate deterministically: 0.5 fires on every other match, starting with the first', () => {
    const registry = new FaultRegistry();
    registry.set([{ kind: 'unavailable', rate: 0.5 }]);

    const fired = Array.from({ length: 6 }, () => registry.plan(context()).error !== undefined);

    expect(fired).toEqual([true, false, true, false, true, false]);
  });

  it('matches on operation, model and prompt substring', () => {
    const registry = new FaultRegistry();
    registry.set([
      { kind: 'not-ready', operation: ['Converse'], modelId: 'claude-3-haiku', prompt: 'weather' },
    ]);

    expect(registry.plan(context()).error).toBeUndefined();
    expect(registry.plan(context({ operation: 'Converse' })).error?.errorType).toBe('ModelNotReadyException');
    expect(registry.plan(context({ operation: 'Converse', prompt: 'hello' })).error).toBeUndefined();
    expect(registry.plan(context({ operation: 'Converse', modelIds: ['other'] })).error).toBeUndefined();
  });

  it('adds latencies and lets the first terminal fault win without counting later ones', () => {
    const registry = new FaultRegistry();
    registry.set([
      { kind: 'latency', latencyMs: 10, chunkLatencyMs: 5 },
      { kind: 'throttle', times: 1 },
      { kind: 'model-timeout', times: 1 },
      { kind: 'latency', latencyMs: 20 },
    ]);

    const first = registry.plan(context());
    const second = registry.plan(context());

    expect(first).toMatchObject({ delayMs: 30, chunkDelayMs: 5, error: { status: 429 } });
    expect(second.error).toMatchObject({ status: 408, errorType: 'ModelTimeoutException' });
    expect(registry.plan(context()).error).toBeUndefined();
  });

  it('counts header rules per invocation id, so each SDK call gets its own budget', () => {
    const registry = new FaultRegistry();
    const rules = [{ kind: 'internal' as const, times: 1 }];

    const a1 = registry.plan(context({ invocationId: 'a' }), rules, 'internal;times=1');
    const a2 = registry.plan(context({ invocationId: 'a' }), rules, 'internal;times=1');
    const b1 = registry.plan(context({ invocationId: 'b' }), rules, 'internal;times=1');

    expect([a1.error?.status, a2.error?.status, b1.error?.status]).toEqual([500, undefined, 500]);
  });

  it('applies stream faults to streaming operations only', () => {
    const registry = new FaultRegistry();
    registry.set([{ kind: 'stream-error', afterChunks: 2, errorType: 'ThrottlingException' }]);

    expect(registry.plan(context()).streamFailure).toBeUndefined();
    expect(registry.plan(context({ streaming: true })).streamFailure).toEqual({
      afterChunks: 2,
      mode: 'exception',
      exceptionType: 'throttlingException',
      payload: { message: 'Too many requests, please wait before trying again.' },
    });
  });
});

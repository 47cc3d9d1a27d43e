import { createHash } from 'node:crypto';
import { type BedrockOperation, serviceOf } from '../routes/operation.types';
import { MODEL_FAULT_KINDS, faultError, streamFailure } from './fault-errors';
import { FaultPlan, emptyFaultPlan } from './fault-plan';
import { FaultRule, STREAM_FAULT_KINDS, parseFaultRules } from './fault-rule';

export interface FaultContext {
  operation: BedrockOperation;
  streaming: boolean;
  /** Every name the request's model goes by (as sent, foundation id, alias); empty without a model. */
  modelIds: string[];
  prompt: string;
  /** `amz-sdk-invocation-id`: the same across an SDK call's retries. */
  invocationId?: string;
}

interface CountedRule {
  rule: FaultRule;
  matches: number;
}

/** Header rules are counted per invocation; this bounds the memory that takes. */
const MAX_HEADER_COUNTERS = 10_000;

/**
 * Configured fault rules (options and admin endpoint) plus per-request header rules. Evaluates them in
 * order: latencies add up; the first error, stall or stream failure that fires wins and later ones are
 * not counted, so `throttle;times=1` then `internal;times=1` fail the first two requests differently.
 */
export class FaultRegistry {
  private configured: CountedRule[] = [];
  private readonly headerCounters = new Map<string, number>();

  /** Rules from options, the admin endpoint or the library API are checked alike (throws a readable message). */
  set(rules: FaultRule[]): void {
    this.configured = parseFaultRules(rules).map((rule) => ({ rule, matches: 0 }));
    this.headerCounters.clear();
  }

  add(rules: FaultRule[]): void {
    this.configured.push(...parseFaultRules(rules).map((rule) => ({ rule, matches: 0 })));
  }

  list(): FaultRule[] {
    return this.configured.map(({ rule }) => rule);
  }

  plan(context: FaultContext, headerRules: FaultRule[] = [], headerValue = ''): FaultPlan {
    const plan = emptyFaultPlan();
    for (const counted of this.configured) {
      this.consider(plan, counted.rule, context, () => ++counted.matches);
    }
    // Keyed by a digest, so the counters hold short keys whatever the header's length.
    const headerDigest = createHash('sha1').update(headerValue).digest('base64');
    headerRules.forEach((rule, index) => {
      const key = `${context.invocationId ?? '-'}|${headerDigest}|${index}`;
      this.consider(plan, rule, context, () => this.bumpHeaderCounter(key));
    });
    return plan;
  }

  private consider(plan: FaultPlan, rule: FaultRule, context: FaultContext, count: () => number): void {
    const terminal = rule.kind !== 'latency';
    if (terminal && (plan.error || plan.stall || plan.streamFailure)) return;
    if (!matches(rule, context) || !fires(rule, count())) return;
    plan.applied.push(rule.kind);
    if (rule.kind === 'latency') {
      plan.delayMs += rule.latencyMs ?? 0;
      plan.chunkDelayMs += rule.chunkLatencyMs ?? 0;
    } else if (rule.kind === 'stall') plan.stall = true;
    else if (STREAM_FAULT_KINDS.has(rule.kind)) plan.streamFailure = streamFailure(rule, context.operation);
    else plan.error = faultError(rule, context);
  }

  private bumpHeaderCounter(key: string): number {
    const next = (this.headerCounters.get(key) ?? 0) + 1;
    this.headerCounters.delete(key);
    this.headerCounters.set(key, next);
    if (this.headerCounters.size > MAX_HEADER_COUNTERS) {
      const oldest = this.headerCounters.keys().next();
      if (!oldest.done) this.headerCounters.delete(oldest.value);
    }
    return next;
  }
}

function matches(rule: FaultRule, context: FaultContext): boolean {
  if (STREAM_FAULT_KINDS.has(rule.kind) && !context.streaming) return false;
  if (MODEL_FAULT_KINDS.has(rule.kind) && serviceOf(context.operation) === 'control-plane') return false;
  const operations = typeof rule.operation === 'string' ? [rule.operation] : rule.operation;
  if (operations && !operations.includes(context.operation)) return false;
  if (rule.modelId !== undefined && !context.modelIds.includes(rule.modelId)) return false;
  return rule.prompt === undefined || context.prompt.includes(rule.prompt);
}

/** `times` caps the count; `rate` fires on the n-th match when ceil(n·rate) steps up (1st, then spread). */
function fires(rule: FaultRule, n: number): boolean {
  if (rule.times !== undefined && n > rule.times) return false;
  if (rule.rate !== undefined) return Math.ceil(n * rule.rate) > Math.ceil((n - 1) * rule.rate);
  return true;
}

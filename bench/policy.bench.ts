/**
 * Overhead of the whole governance chain per request, with in-memory counters (not a test).
 * Run: node -r @swc-node/register bench/policy.bench.ts
 * authenticate → authorizeModel → checkRate → checkBudget → applyPii (redact, ~500-char message) → settle,
 * 20,000 timed iterations after a warm-up; prints p50/p95/p99 in µs. Target: p50 ≤ 100 µs.
 */
import { performance } from 'node:perf_hooks';
import {
  GovernanceService,
  MemoryCounterStore,
  estimateTokens,
  generateApiKey,
  governanceConfigSchema,
  hashApiKey,
} from '@app/governance';

const WARM_UP = 2_000;
const ITERATIONS = 20_000;

const key = generateApiKey();
// Twenty tenants with two keys each: the key ring compares against every stored hash.
const tenants = Array.from({ length: 20 }, (_, index) => ({
  id: `team-${index}`,
  keys: [
    { id: `k${index}a`, hash: index === 7 ? hashApiKey(key) : hashApiKey(generateApiKey()) },
    { id: `k${index}b`, hash: hashApiKey(generateApiKey()) },
  ],
  allowed_models: ['claude-3-haiku', 'anthropic.claude-3-5-*', 'meta.llama3-*'],
  budgets: { daily_usd: 1e9, monthly_usd: 1e9, daily_tokens: 1e12, mode: 'deny' },
  rates: { requests_per_minute: 1e9, tokens_per_minute: 1e12 },
  pii: { mode: 'redact' },
}));
const service = new GovernanceService(governanceConfigSchema.parse({ tenants }), new MemoryCounterStore());
const headers = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };
const message =
  'Hi team, please summarise the attached quarterly report for the leadership meeting on 2024-03-15. ' +
  'Focus on revenue ($1,234,567.89 in Q1), order volume (ORD-12345678 was the largest) and churn. ' +
  'If anything is unclear, email me at jane.doe@example.com or call 415-555-0132 before Friday. ' +
  'Keep it under 200 words, use bullet points, and mention the migration to version 2.4.1 of the API. ' +
  'Finally, list three risks for next quarter with one mitigation each, ordered by their likely impact.';

async function once(): Promise<void> {
  const principal = service.authenticate(headers);
  service.authorizeModel(principal, ['claude-3-5-sonnet', 'anthropic.claude-3-5-sonnet-20240620-v1:0']);
  const tokens = estimateTokens([message], 512);
  const rate = await service.checkRate(principal, tokens);
  const budget = await service.checkBudget(principal, 0.002, tokens);
  const { texts } = service.applyPii(principal, [message]);
  if (texts[0] === message) throw new Error('expected a redaction');
  await service.settle(principal, 0.0015, 300, { rate, budget: budget.reservation });
}

function percentile(sorted: Float64Array, fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))] ?? Number.NaN;
}

async function main(): Promise<void> {
  for (let index = 0; index < WARM_UP; index += 1) await once();
  const samples = new Float64Array(ITERATIONS);
  for (let index = 0; index < ITERATIONS; index += 1) {
    const started = performance.now();
    await once();
    samples[index] = (performance.now() - started) * 1000;
  }
  samples.sort();
  const [p50, p95, p99] = [0.5, 0.95, 0.99].map((fraction) => percentile(samples, fraction).toFixed(1));
  console.log(`policy chain (${message.length}-char message, ${ITERATIONS} iterations, in-memory counters)`);
  console.log(`p50 ${p50} µs   p95 ${p95} µs   p99 ${p99} µs   (target p50 ≤ 100 µs)`);
}

void main();

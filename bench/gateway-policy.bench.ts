/**
 * Gateway-level overhead of the policy chain per request, in process, with in-memory counters (not a test).
 * Run: node -r @swc-node/register bench/gateway-policy.bench.ts
 * The real providers of a booted gateway: ApiKeyAuthGuard.canActivate (reflector lookups, constant-time key
 * check over 40 keys) → ModelPolicyService.admit on a fresh /bedrock/chat body (model resolution,
 * allow-list, PII redact rewriting a ~500-char message, rate, budget) → settle. Prints p50/p95/p99 in µs.
 * bench/policy.bench.ts measures the library calls alone; the difference is the gateway's glue.
 */
import { CallRecord, UsageSink } from '@app/bedrock';
import { GovernanceService, generateApiKey, hashApiKey } from '@app/governance';
import type { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { stringify } from 'yaml';
import { AppModule } from '../apps/gateway/src/app.module';
import { ChatController } from '../apps/gateway/src/chat/chat.controller';
import { APP_OPTIONS, createHttpAdapter } from '../apps/gateway/src/configure-app';
import { loadConfig } from '../apps/gateway/src/config/load-config';
import { ApiKeyAuthGuard } from '../apps/gateway/src/governance/api-key-auth.guard';
import type { GovernedRequest } from '../apps/gateway/src/governance/governed-request';
import { ModelPolicyService } from '../apps/gateway/src/governance/model-policy.service';

const WARM_UP = 2_000;
const ITERATIONS = 20_000;
const key = generateApiKey();
const tenants = Array.from({ length: 20 }, (_, index) => ({
  id: `team-${index}`,
  keys: [
    { id: `k${index}a`, hash: index === 7 ? hashApiKey(key) : hashApiKey(generateApiKey()) },
    { id: `k${index}b`, hash: hashApiKey(generateApiKey()) },
  ],
  allowed_models: ['claude-3-haiku', 'anthropic.claude-3-5-*'],
  budgets: { daily_usd: 1e9, monthly_usd: 1e9, daily_tokens: 1e12 },
  rates: { requests_per_minute: 1e9, tokens_per_minute: 1e12 },
  pii: { mode: 'redact' },
}));
const message =
  'Hi team, please summarise the attached quarterly report for the leadership meeting on 2024-03-15. ' +
  'Focus on revenue ($1,234,567.89 in Q1), order volume (ORD-12345678 was the largest) and churn. ' +
  'If anything is unclear, email me at jane.doe@example.com or call 415-555-0132 before Friday. ' +
  'Keep it under 200 words, use bullet points, and mention the migration to version 2.4.1 of the API. ' +
  'Finally, list three risks for next quarter with one mitigation each, ordered by their likely impact.';

async function main(): Promise<void> {
  const directory = mkdtempSync(join(tmpdir(), 'gateway-policy-bench-'));
  const configPath = join(directory, 'gateway.yaml');
  writeFileSync(configPath, stringify({ version: 1, tenants }));
  const config = loadConfig({
    NODE_ENV: 'test',
    BEDROCK_BACKEND: 'local',
    GATEWAY_CONFIG: configPath,
    USAGE_SQLITE_PATH: join(directory, 'usage.db'),
  });
  const module = await Test.createTestingModule({ imports: [AppModule.forRoot(config)] }).compile();
  const app = module.createNestApplication<NestFastifyApplication>(createHttpAdapter(config), {
    ...APP_OPTIONS,
    logger: false,
  });
  await app.init();
  const guard = new ApiKeyAuthGuard(
    app.get(Reflector),
    app.get(GovernanceService),
    config,
    app.get(UsageSink),
  );
  const policy = app.get(ModelPolicyService);
  const governance = app.get(GovernanceService);
  const headers = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };

  async function once(): Promise<void> {
    const request: GovernedRequest = {
      id: 'bench',
      url: '/bedrock/chat',
      headers,
      body: { model: 'claude-3-5-sonnet', message, max_tokens: 512, system_prompt: 'Be brief.' },
    };
    const context = {
      getType: () => 'http',
      getHandler: () => ChatController.prototype.create,
      getClass: () => ChatController,
      switchToHttp: () => ({ getRequest: () => request }),
    } as unknown as ExecutionContext;
    guard.canActivate(context);
    const record = new CallRecord();
    const admission = await policy.admit(request.principal!, request.body, { knowledgeBase: false }, record);
    if (record.redactions.length === 0) throw new Error('expected a redaction');
    record.inputTokens = 120;
    record.outputTokens = 180;
    record.costUsd = 0.0015;
    // What policy.settle runs after the call, awaited here so that its cost is counted.
    await governance.settle(admission.principal, record.costUsd, 300, admission.reservations);
  }

  for (let index = 0; index < WARM_UP; index += 1) await once();
  const samples = new Float64Array(ITERATIONS);
  for (let index = 0; index < ITERATIONS; index += 1) {
    const started = performance.now();
    await once();
    samples[index] = (performance.now() - started) * 1000;
  }
  samples.sort();
  const at = (fraction: number) =>
    (samples[Math.min(samples.length - 1, Math.floor(samples.length * fraction))] ?? NaN).toFixed(1);
  console.log(`gateway policy chain (guard + admit + settle, ${ITERATIONS} iterations, in-memory counters)`);
  console.log(`p50 ${at(0.5)} µs   p95 ${at(0.95)} µs   p99 ${at(0.99)} µs   (target p50 ≤ 100 µs)`);
  await app.close();
  rmSync(directory, { recursive: true, force: true });
}

void main();

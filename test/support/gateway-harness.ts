import type { UsageEvent } from '@app/bedrock';
import { BedrockEmulator } from '@app/bedrock-emulator';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Test } from '@nestjs/testing';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule } from '../../apps/gateway/src/app.module';
import { installLeanAsyncResourceBind } from '../../apps/gateway/src/common/runtime/lean-async-resource-bind';
import { APP_OPTIONS, configureApp, createHttpAdapter } from '../../apps/gateway/src/configure-app';
import { loadConfig } from '../../apps/gateway/src/config/load-config';
import { readUsageRecords, usageStoreOverride, type UsageStoreWrapper } from './usage-records';

export interface TestGateway {
  app: NestFastifyApplication;
  /** http://127.0.0.1:<port> of the listening gateway. */
  url: string;
  /** Flushes the usage ledger and returns every stored record, oldest first. */
  usageRecords(): Promise<UsageEvent[]>;
  /** Folder of this gateway's own SQLite ledger and spill file (deleted by `close`). */
  usageDir: string;
  close(): Promise<void>;
}

/** Fast, deterministic retries for tests; each test can override. */
const TEST_DEFAULTS: Record<string, string> = {
  NODE_ENV: 'test',
  LOG_LEVEL: 'silent',
  BEDROCK_BACKEND: 'local',
  BEDROCK_RETRY_BASE_MS: '1',
  BEDROCK_RETRY_MAX_MS: '5',
};

/**
 * Boots the whole gateway (same configure-app as production) on a free port, against the given
 * emulator URL (or the embedded one when none is given). Env entries override the test defaults.
 * Each gateway records usage in its own temporary SQLite file unless `env` names another store.
 */
export async function startGateway(
  env: Record<string, string> = {},
  options: { wrapUsageStore?: UsageStoreWrapper } = {},
): Promise<TestGateway> {
  installLeanAsyncResourceBind(); // as main.ts does, so the suites run the production bind
  const usageDir = mkdtempSync(join(tmpdir(), 'gateway-usage-'));
  const sqlitePath = join(usageDir, 'usage.db');
  const config = loadConfig({ ...TEST_DEFAULTS, USAGE_SQLITE_PATH: sqlitePath, ...env });
  const builder = Test.createTestingModule({ imports: [AppModule.forRoot(config)] });
  if (options.wrapUsageStore) usageStoreOverride(builder, options.wrapUsageStore);
  const moduleRef = await builder.compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(createHttpAdapter(config), {
    ...APP_OPTIONS,
    logger: false,
  });
  configureApp(app);
  await app.listen(0, '127.0.0.1');
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  return {
    app,
    url,
    usageDir,
    usageRecords: () => readUsageRecords(app),
    close: async () => {
      await app.close();
      rmSync(usageDir, { recursive: true, force: true });
    },
  };
}

/** Starts an emulator in-process on a free port. */
export async function startEmulator(
  options: ConstructorParameters<typeof BedrockEmulator>[0] = {},
): Promise<BedrockEmulator> {
  const emulator = new BedrockEmulator(options);
  await emulator.start({ port: 0, host: '127.0.0.1' });
  return emulator;
}

/** GETs a URL and returns status, headers, text and the parsed body (null when not JSON). */
export async function getJson(url: string, headers: Record<string, string> = {}) {
  const response = await fetch(url, { headers });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, json: parseJson(text) };
}

function parseJson(text: string): Record<string, any> {
  try {
    return JSON.parse(text) as Record<string, any>;
  } catch {
    return null as unknown as Record<string, any>;
  }
}

/** POSTs JSON and returns status, headers and parsed body. */
export async function postJson(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
  signal?: AbortSignal,
) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
    ...(signal ? { signal } : {}),
  });
  const text = await response.text();
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    json = null;
  }
  return { status: response.status, headers: response.headers, text, json: json as Record<string, any> };
}

export interface SseMessage {
  event: string;
  data: any;
}

/** Parses a complete SSE body into events. */
export function parseSse(text: string): SseMessage[] {
  return text
    .split('\n\n')
    .filter((block) => block.trim().length > 0)
    .map((block) => {
      const lines = block.split('\n');
      const event = lines.find((line) => line.startsWith('event: '))?.slice(7) ?? 'message';
      const data = lines
        .filter((line) => line.startsWith('data: '))
        .map((line) => line.slice(6))
        .join('\n');
      return { event, data: JSON.parse(data) };
    });
}

/** `x-gateway-overhead-ms` in ms; fails the test when the header is missing or not a number. */
export function overheadMsOf(headers: Headers): number {
  const value = headers.get('x-gateway-overhead-ms');
  expect(value).toMatch(/^\d+(\.\d+)?$/);
  return Number(value);
}

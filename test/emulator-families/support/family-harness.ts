import {
  BedrockRuntimeClient,
  InvokeModelCommand,
  InvokeModelWithResponseStreamCommand,
} from '@aws-sdk/client-bedrock-runtime';
import { BedrockEmulator } from '@app/bedrock-emulator';

export { at } from '../../../libs/bedrock-emulator/src/models/testing/spec-helpers';

export const CREDENTIALS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'x' };
export const REGION = 'us-east-1';

export interface TokenHeaders {
  input: number;
  output: number;
  latencyMs: number;
}

/** A started emulator and a runtime client on the SDK's default (HTTP/2) handler. */
export interface FamilyHarness {
  emulator: BedrockEmulator;
  client: BedrockRuntimeClient;
  /** Usage headers of the last response, read by a finalizeRequest middleware (wire reference §1.2). */
  lastHeaders(): Record<string, string>;
  stop(): Promise<void>;
}

export async function startFamilyHarness(): Promise<FamilyHarness> {
  const emulator = new BedrockEmulator();
  await emulator.start({ port: 0 });
  const client = new BedrockRuntimeClient({
    region: REGION,
    endpoint: emulator.url,
    credentials: CREDENTIALS,
  });
  let headers: Record<string, string> = {};
  client.middlewareStack.add(
    (next) => async (args) => {
      const result = await next(args);
      const response = result.response as { headers?: Record<string, string> };
      headers = response.headers ?? {};
      return result;
    },
    { step: 'finalizeRequest', name: 'captureUsageHeaders' },
  );
  return {
    emulator,
    client,
    lastHeaders: () => headers,
    stop: async () => {
      client.destroy();
      await emulator.stop();
    },
  };
}

/** The `x-amzn-bedrock-*` usage headers as numbers (NaN when absent, so equality checks fail loudly). */
export function tokenHeaders(headers: Record<string, string>): TokenHeaders {
  return {
    input: Number(headers['x-amzn-bedrock-input-token-count']),
    output: Number(headers['x-amzn-bedrock-output-token-count']),
    latencyMs: Number(headers['x-amzn-bedrock-invocation-latency']),
  };
}

export async function invokeJson(
  harness: FamilyHarness,
  modelId: string,
  body: unknown,
): Promise<{ body: Record<string, unknown>; tokens: TokenHeaders }> {
  const output = await harness.client.send(
    new InvokeModelCommand({
      modelId,
      contentType: 'application/json',
      accept: 'application/json',
      body: JSON.stringify(body),
    }),
  );
  return {
    body: JSON.parse(output.body.transformToString()) as Record<string, unknown>,
    tokens: tokenHeaders(harness.lastHeaders()),
  };
}

/** Decoded `chunk.bytes` objects of an InvokeModelWithResponseStream call, in order. */
export async function invokeStreamChunks(
  harness: FamilyHarness,
  modelId: string,
  body: unknown,
): Promise<Record<string, unknown>[]> {
  const output = await harness.client.send(
    new InvokeModelWithResponseStreamCommand({
      modelId,
      contentType: 'application/json',
      body: JSON.stringify(body),
    }),
  );
  const chunks: Record<string, unknown>[] = [];
  for await (const event of output.body ?? []) {
    if (event.chunk?.bytes)
      chunks.push(JSON.parse(Buffer.from(event.chunk.bytes).toString('utf8')) as Record<string, unknown>);
  }
  return chunks;
}

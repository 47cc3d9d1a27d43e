import { BedrockClient, BedrockClientConfig } from '@aws-sdk/client-bedrock';
import {
  BedrockAgentRuntimeClient,
  BedrockAgentRuntimeClientConfig,
} from '@aws-sdk/client-bedrock-agent-runtime';
import {
  BedrockRuntimeClient,
  BedrockRuntimeClientConfig,
  InvokeModelCommand,
} from '@aws-sdk/client-bedrock-runtime';
import { BedrockEmulator, BedrockEmulatorOptions, RequestRecord } from '@app/bedrock-emulator';

export const CREDENTIALS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'x' };
export const REGION = 'us-east-1';
export const HAIKU_3 = 'anthropic.claude-3-haiku-20240307-v1:0';
export const SONNET_35_V2 = 'anthropic.claude-3-5-sonnet-20241022-v2:0';
export const TITAN_EMBED = 'amazon.titan-embed-text-v2:0';

export const claudeBody = (text: string, maxTokens = 40): string =>
  JSON.stringify({
    anthropic_version: 'bedrock-2023-05-31',
    max_tokens: maxTokens,
    messages: [{ role: 'user', content: text }],
  });

export const converseInput = (modelId: string, text: string) => ({
  modelId,
  messages: [{ role: 'user' as const, content: [{ text }] }],
  inferenceConfig: { maxTokens: 40 },
});

export async function startEmulator(options: BedrockEmulatorOptions = {}): Promise<BedrockEmulator> {
  const emulator = new BedrockEmulator(options);
  await emulator.start({ port: 0 });
  return emulator;
}

const base = (emulator: BedrockEmulator) => ({
  region: REGION,
  endpoint: emulator.url,
  credentials: CREDENTIALS,
});

/** Default request handler: NodeHttp2Handler (h2c prior knowledge). */
export function runtimeClient(
  emulator: BedrockEmulator,
  config: Partial<BedrockRuntimeClientConfig> = {},
): BedrockRuntimeClient {
  return new BedrockRuntimeClient({ ...base(emulator), ...config });
}

/** Default request handler: NodeHttp2Handler since 3.1071.0. */
export function agentClient(
  emulator: BedrockEmulator,
  config: Partial<BedrockAgentRuntimeClientConfig> = {},
): BedrockAgentRuntimeClient {
  return new BedrockAgentRuntimeClient({ ...base(emulator), ...config });
}

/** Default request handler: NodeHttpHandler (HTTP/1.1 keep-alive). */
export function controlClient(
  emulator: BedrockEmulator,
  config: Partial<BedrockClientConfig> = {},
): BedrockClient {
  return new BedrockClient({ ...base(emulator), ...config });
}

interface HeaderTarget {
  middlewareStack: {
    add(
      middleware: (
        next: (args: { request: unknown }) => Promise<unknown>,
      ) => (args: { request: unknown }) => Promise<unknown>,
      options: { step: 'build'; name: string },
    ): void;
  };
}

/** Adds a request header to every call of `client` (used for `x-bedrock-local-fault`). */
export function addHeader(client: unknown, name: string, value: string): void {
  (client as HeaderTarget).middlewareStack.add(
    (next) => async (args) => {
      (args.request as { headers: Record<string, string> }).headers[name] = value;
      return next(args);
    },
    { step: 'build', name: `add-${name}` },
  );
}

/** Polls until `predicate` holds (server-side close events arrive a little after the client gives up). */
export async function eventually<T>(
  read: () => T,
  predicate: (value: T) => boolean,
  timeoutMs = 3000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = read();
  while (!predicate(value) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    value = read();
  }
  return value;
}

export const attemptsOf = (records: RequestRecord[]): (number | undefined)[] => records.map((r) => r.attempt);

/** The error a promise rejects with (fails the test when it resolves). */
export async function rejectionOf(promise: Promise<unknown>): Promise<Error & Record<string, unknown>> {
  try {
    await promise;
  } catch (error) {
    return error as Error & Record<string, unknown>;
  }
  throw new Error('expected the call to fail');
}

/** InvokeModel through the real SDK, its JSON body parsed. */
export async function invokeJson(
  emulator: BedrockEmulator,
  modelId: string,
  body: string,
): Promise<Record<string, unknown>> {
  const output = await runtimeClient(emulator).send(
    new InvokeModelCommand({ modelId, contentType: 'application/json', body }),
  );
  return JSON.parse(Buffer.from(output.body).toString('utf8')) as Record<string, unknown>;
}

/**
 * The chat both reference proxies serve (sdk-proxy-server.ts on node:http, nest-proxy-server.ts on Nest
 * with Fastify): the Bedrock runtime client with the gateway's client settings, one InvokeModel or
 * InvokeModelWithResponseStream per chat, and the answer or SSE frames. Nothing else: no validation, auth,
 * logging, ledger or retries. `POST /chat` takes `{ model_id, max_tokens, message, stream? }`.
 */
import {
  BedrockRuntimeClient,
  InvokeModelCommand,
  InvokeModelWithResponseStreamCommand,
} from '@aws-sdk/client-bedrock-runtime';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { reuseSigner } from '../../libs/bedrock/src/clients/reuse-signer';
import { Agent } from 'node:http';
import { setImmediate } from 'node:timers/promises';

export interface ProxyChatRequest {
  model_id: string;
  max_tokens: number;
  message: string;
  stream?: boolean;
}

export interface ProxyChatAnswer {
  id: string;
  response: string;
  input_tokens: number;
  output_tokens: number;
}

interface AnthropicResponse {
  id: string;
  content: { type: string; text?: string }[];
  usage: { input_tokens: number; output_tokens: number };
}

/**
 * As libs/bedrock/src/clients (bedrock-clients.ts, http-handler.factory.ts, reuse-signer.ts): no SDK
 * retries, middleware resolved once per client, one SigV4 signer per auth scheme, a keep-alive HTTP/1.1
 * pool of the gateway's default size (256).
 */
export function createProxyClient(endpoint: string): BedrockRuntimeClient {
  const client = new BedrockRuntimeClient({
    region: 'us-east-1',
    endpoint,
    credentials: { accessKeyId: 'AKIDBENCHMARK', secretAccessKey: 'bedrock-local' },
    maxAttempts: 1,
    cacheMiddleware: true,
    requestHandler: new NodeHttpHandler({
      httpAgent: new Agent({
        keepAlive: true,
        keepAliveMsecs: 30_000,
        maxSockets: 256,
        maxFreeSockets: 64,
      }),
      connectionTimeout: 5_000,
    }),
  });
  reuseSigner(client.config);
  return client;
}

const invokeInput = (chat: ProxyChatRequest) => ({
  modelId: chat.model_id,
  contentType: 'application/json',
  accept: 'application/json',
  body: JSON.stringify({
    anthropic_version: 'bedrock-2023-05-31',
    max_tokens: chat.max_tokens,
    messages: [{ role: 'user', content: chat.message }],
  }),
});

export async function invokeChat(
  client: BedrockRuntimeClient,
  chat: ProxyChatRequest,
): Promise<ProxyChatAnswer> {
  const output = await client.send(new InvokeModelCommand(invokeInput(chat)));
  const answer = JSON.parse(output.body.transformToString()) as AnthropicResponse;
  return {
    id: answer.id,
    response: answer.content.map((block) => block.text ?? '').join(''),
    input_tokens: answer.usage.input_tokens,
    output_tokens: answer.usage.output_tokens,
  };
}

/**
 * Opens the stream, then yields SSE frames: one `delta` per Anthropic text delta, then `done`. Like the
 * gateway (sse-stream.ts, docs/decisions.md), it yields to the event loop after each frame: Node uncorks
 * a chunked write on nextTick, so a burst of upstream chunks would otherwise hold the first token until
 * the whole burst is decoded, and the floor's time to first token would not be a floor.
 */
export async function openChatStream(
  client: BedrockRuntimeClient,
  chat: ProxyChatRequest,
): Promise<AsyncGenerator<string>> {
  const output = await client.send(new InvokeModelWithResponseStreamCommand(invokeInput(chat)));
  return (async function* frames() {
    for await (const event of output.body ?? []) {
      if (!event.chunk?.bytes) continue;
      const chunk = JSON.parse(Buffer.from(event.chunk.bytes).toString('utf8')) as {
        type: string;
        delta?: { text?: string };
      };
      if (chunk.type === 'content_block_delta' && chunk.delta?.text) {
        yield `event: delta\ndata: ${JSON.stringify({ text: chunk.delta.text })}\n\n`;
        await setImmediate();
      }
    }
    yield 'event: done\ndata: {}\n\n';
  })();
}

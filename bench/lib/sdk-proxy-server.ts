/**
 * The bench's `sdk-proxy` target: the cheapest gateway that still calls Bedrock through the AWS SDK v3
 * client, with the gateway's client settings. It is a reference, not a product: no validation, no auth,
 * no logging, no usage ledger, no retries. It exists so that every `npm run bench` also measures the
 * floor of any gateway that must go through the SDK (receive the chat, InvokeModel, answer), beside
 * this gateway and Portkey's, on the same emulator; what the gateway costs above it is its own work.
 *
 *   node -r @swc-node/register bench/lib/sdk-proxy-server.ts --port 4100 --endpoint http://127.0.0.1:4010
 *   (or PORT and BEDROCK_ENDPOINT_URL in the environment)
 *
 * `POST /chat` takes `{ model_id, max_tokens, message, stream? }`; `GET /health` answers 200.
 */
import {
  BedrockRuntimeClient,
  InvokeModelCommand,
  InvokeModelWithResponseStreamCommand,
} from '@aws-sdk/client-bedrock-runtime';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { Agent, createServer, IncomingMessage, ServerResponse } from 'node:http';
import { setImmediate } from 'node:timers/promises';
import { parseArgs } from 'node:util';

interface ChatRequest {
  model_id: string;
  max_tokens: number;
  message: string;
  stream?: boolean;
}

interface AnthropicResponse {
  id: string;
  content: { type: string; text?: string }[];
  usage: { input_tokens: number; output_tokens: number };
}

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.PORT },
    endpoint: { type: 'string', default: process.env.BEDROCK_ENDPOINT_URL },
  },
});
if (!values.port || !values.endpoint) throw new Error('sdk-proxy-server needs --port and --endpoint');

// As libs/bedrock/src/clients (bedrock-clients.ts, http-handler.factory.ts): no SDK retries, middleware
// resolved once per client, a keep-alive HTTP/1.1 pool of the gateway's default size (256).
const client = new BedrockRuntimeClient({
  region: 'us-east-1',
  endpoint: values.endpoint,
  credentials: { accessKeyId: 'AKIDBENCHMARK', secretAccessKey: 'bedrock-local' },
  maxAttempts: 1,
  cacheMiddleware: true,
  requestHandler: new NodeHttpHandler({
    httpAgent: new Agent({ keepAlive: true, keepAliveMsecs: 30_000, maxSockets: 256, maxFreeSockets: 64 }),
    connectionTimeout: 5_000,
  }),
});

function readJson(request: IncomingMessage): Promise<ChatRequest> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as ChatRequest);
      } catch (error) {
        reject(error instanceof Error ? error : new Error('bad JSON'));
      }
    });
    request.on('error', reject);
  });
}

const invokeInput = (chat: ChatRequest) => ({
  modelId: chat.model_id,
  contentType: 'application/json',
  accept: 'application/json',
  body: JSON.stringify({
    anthropic_version: 'bedrock-2023-05-31',
    max_tokens: chat.max_tokens,
    messages: [{ role: 'user', content: chat.message }],
  }),
});

async function blocking(chat: ChatRequest, response: ServerResponse): Promise<void> {
  const output = await client.send(new InvokeModelCommand(invokeInput(chat)));
  const answer = JSON.parse(output.body.transformToString()) as AnthropicResponse;
  const body = JSON.stringify({
    id: answer.id,
    response: answer.content.map((block) => block.text ?? '').join(''),
    input_tokens: answer.usage.input_tokens,
    output_tokens: answer.usage.output_tokens,
  });
  response.writeHead(200, { 'content-type': 'application/json' }).end(body);
}

/**
 * Anthropic stream chunks (message_start, content_block_delta, …): one SSE `delta` per text delta. Like
 * the gateway (sse-stream.ts, docs/decisions.md), it yields to the event loop after each frame: Node
 * uncorks a chunked write on nextTick, so a burst of upstream chunks would otherwise hold the first token
 * until the whole burst is decoded, and the floor's time to first token would not be a floor.
 */
async function streaming(chat: ChatRequest, response: ServerResponse): Promise<void> {
  const output = await client.send(new InvokeModelWithResponseStreamCommand(invokeInput(chat)));
  response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  for await (const event of output.body ?? []) {
    if (!event.chunk?.bytes) continue;
    const chunk = JSON.parse(Buffer.from(event.chunk.bytes).toString('utf8')) as {
      type: string;
      delta?: { text?: string };
    };
    if (chunk.type === 'content_block_delta' && chunk.delta?.text) {
      response.write(`event: delta\ndata: ${JSON.stringify({ text: chunk.delta.text })}\n\n`);
      await setImmediate();
    }
  }
  response.end('event: done\ndata: {}\n\n');
}

async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
  if (request.method === 'GET' && request.url === '/health') {
    response.writeHead(200).end();
    return;
  }
  if (request.method !== 'POST' || request.url !== '/chat') {
    request.resume();
    response.writeHead(404).end();
    return;
  }
  const chat = await readJson(request);
  await (chat.stream ? streaming(chat, response) : blocking(chat, response));
}

createServer((request, response) => {
  handle(request, response).catch((error: unknown) => {
    // A failure the bench counts (non-2xx or a cut stream), never a crash of the process.
    if (response.headersSent) response.destroy();
    else response.writeHead(502, { 'content-type': 'text/plain' }).end(String(error));
  });
}).listen(Number(values.port), '127.0.0.1');

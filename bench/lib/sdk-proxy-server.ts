/**
 * The bench's `sdk-proxy` target: the cheapest gateway that still calls Bedrock through the AWS SDK v3
 * client, with the gateway's client settings (proxy-chat.ts), on plain `node:http`. It is a reference, not
 * a product: no validation, no auth, no logging, no usage ledger, no retries. It exists so that every
 * `npm run bench` also measures the floor of any gateway that must go through the SDK (receive the chat,
 * InvokeModel, answer), beside this gateway and Portkey's, on the same emulator; what the gateway costs
 * above it is its own work.
 *
 *   node -r @swc-node/register bench/lib/sdk-proxy-server.ts --port 4100 --endpoint http://127.0.0.1:4010
 *   (or PORT and BEDROCK_ENDPOINT_URL in the environment)
 *
 * `POST /chat` takes `{ model_id, max_tokens, message, stream? }`; `GET /health` answers 200.
 */
import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import { createProxyClient, invokeChat, openChatStream, ProxyChatRequest } from './proxy-chat';
import { proxyArgs } from './proxy-args';

const { port, endpoint } = proxyArgs('sdk-proxy-server');
const client = createProxyClient(endpoint);

function readJson(request: IncomingMessage): Promise<ProxyChatRequest> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as ProxyChatRequest);
      } catch (error) {
        reject(error instanceof Error ? error : new Error('bad JSON'));
      }
    });
    request.on('error', reject);
  });
}

async function streaming(chat: ProxyChatRequest, response: ServerResponse): Promise<void> {
  const frames = await openChatStream(client, chat);
  response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  for await (const frame of frames) response.write(frame);
  response.end();
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
  if (chat.stream) return streaming(chat, response);
  const body = JSON.stringify(await invokeChat(client, chat));
  response.writeHead(200, { 'content-type': 'application/json' }).end(body);
}

createServer((request, response) => {
  handle(request, response).catch((error: unknown) => {
    // A failure the bench counts (non-2xx or a cut stream), never a crash of the process.
    if (response.headersSent) response.destroy();
    else response.writeHead(502, { 'content-type': 'text/plain' }).end(String(error));
  });
}).listen(port, '127.0.0.1');

/**
 * The bench's `nest-proxy` target: the bare SDK proxy's chat (proxy-chat.ts) served by NestJS 11 on
 * Fastify, the gateway's own platform, with one controller and nothing else: no guard, interceptor, pipe,
 * logger or ledger. It is a reference, not a product. Beside `sdk-proxy` (the same chat on node:http) it
 * shows what the framework alone costs per request; what the gateway costs above it is its features.
 *
 *   node -r @swc-node/register bench/lib/nest-proxy-server.ts --port 4101 --endpoint http://127.0.0.1:4010
 *
 * `POST /chat` takes `{ model_id, max_tokens, message, stream? }`; `GET /health` answers 200.
 */
import type { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import { Body, Controller, Get, HttpCode, Inject, Module, Post, Res } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply } from 'fastify';
import { Readable } from 'node:stream';
import { proxyArgs } from './proxy-args';
import { createProxyClient, invokeChat, openChatStream, type ProxyChatRequest } from './proxy-chat';

const { port, endpoint } = proxyArgs('nest-proxy-server');
const BEDROCK_CLIENT = Symbol('BEDROCK_CLIENT');

@Controller()
class ProxyController {
  constructor(@Inject(BEDROCK_CLIENT) private readonly client: BedrockRuntimeClient) {}

  @Get('health')
  health(): string {
    return 'ok';
  }

  @Post('chat')
  @HttpCode(200)
  async chat(
    @Body() chat: ProxyChatRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<object | Readable> {
    if (!chat.stream) return invokeChat(this.client, chat);
    const frames = await openChatStream(this.client, chat);
    void reply.headers({ 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    return Readable.from(frames);
  }
}

@Module({
  controllers: [ProxyController],
  providers: [{ provide: BEDROCK_CLIENT, useValue: createProxyClient(endpoint) }],
})
class ProxyModule {}

async function main(): Promise<void> {
  const app = await NestFactory.create<NestFastifyApplication>(ProxyModule, new FastifyAdapter(), {
    logger: ['error', 'warn'],
  });
  await app.listen(port, '127.0.0.1');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

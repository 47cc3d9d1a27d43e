import { Call, CallRecord, UsageInterceptor } from '@app/bedrock';
import { Body, Controller, HttpCode, Post, Req, Res, UseInterceptors } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Readable } from 'node:stream';
import { errorEnvelope } from '../common/errors/error-envelope';
import { STREAM_ABORT_GRACE_MS, requestAbort } from '../common/http/client-abort';
import { SSE_HEADERS, SseEvent, toSseStream } from '../common/http/sse-stream';
import { GovernedModelRoute } from '../governance/governed-model-route.decorator';
import type { ChatResponse } from './chat-response';
import { ChatService, ChatStreamEvent } from './chat.service';
import { ChatRequestDto } from './dto/chat-request.dto';

@Controller('bedrock')
@UseInterceptors(UsageInterceptor)
export class ChatController {
  constructor(private readonly chat: ChatService) {}

  @Post('chat')
  @HttpCode(200)
  @GovernedModelRoute()
  async create(
    @Body() dto: ChatRequestDto,
    @Call() record: CallRecord,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ChatResponse | Readable> {
    const context = {
      record,
      requestId: request.id,
      startedAt: request.startedAt,
      abort: requestAbort(reply),
    };
    if (!dto.stream) return this.chat.complete(dto, context);
    const events = await this.chat.stream(dto, context);
    void reply.headers(SSE_HEADERS);
    closeWhenStalled(reply, context.abort.signal);
    return toSseStream(frame(events, request.id));
  }
}

async function* frame(events: AsyncIterable<ChatStreamEvent>, requestId: string): AsyncGenerator<SseEvent> {
  for await (const event of events) {
    yield event.type === 'error'
      ? { event: 'error', data: errorEnvelope(event.error, requestId) }
      : { event: event.type, data: event.data };
  }
}

/**
 * Once the call's signal aborts (its deadline), a connection still holding unsent answer after the grace
 * is closed: its caller stopped reading, and the rest of the answer (megabytes, in the socket's buffer
 * after the response itself has ended) would stay in the gateway for as long as the caller likes.
 */
function closeWhenStalled(reply: FastifyReply, signal: AbortSignal): void {
  const socket = reply.raw.socket;
  signal.addEventListener(
    'abort',
    () =>
      setTimeout(() => {
        if (socket && !socket.destroyed && socket.writableLength > 0) socket.destroy();
      }, STREAM_ABORT_GRACE_MS).unref(),
    { once: true },
  );
}

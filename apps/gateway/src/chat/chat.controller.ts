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
 * Once the call's signal aborts (its deadline), a connection on which the answer makes no progress for a
 * whole grace is closed: its caller stopped reading, and the rest of the answer (megabytes, buffered in
 * the gateway) would stay for as long as the caller likes. A caller still reading, however slowly, gets
 * the rest and the `error` event; the timer ends with this response (the connection may serve another).
 */
function closeWhenStalled(reply: FastifyReply, signal: AbortSignal): void {
  const response = reply.raw;
  const socket = response.socket;
  if (!socket) return;
  // Bytes handed to the kernel: they stop growing when the caller's window is full.
  const sent = () => socket.bytesWritten - socket.writableLength;
  let timer: NodeJS.Timeout | undefined;
  const watch = (before: number): void => {
    timer = setTimeout(() => {
      if (response.writableFinished || socket.destroyed) return;
      if (sent() === before) socket.destroy();
      else watch(sent());
    }, STREAM_ABORT_GRACE_MS).unref();
  };
  signal.addEventListener('abort', () => watch(sent()), { once: true });
  response.once('close', () => clearTimeout(timer));
}

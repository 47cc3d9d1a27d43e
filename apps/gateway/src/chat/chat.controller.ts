import { Call, CallRecord, UsageInterceptor } from '@app/bedrock';
import { Body, Controller, HttpCode, Post, Req, Res, UseInterceptors } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Socket } from 'node:net';
import type { Readable } from 'node:stream';
import { errorEnvelope } from '../common/errors/error-envelope';
import { STREAM_ABORT_GRACE_MS, requestAbort } from '../common/http/client-abort';
import { SSE_HEADERS, SseEvent, toSseStream } from '../common/http/sse-stream';
import { GatewayConfig } from '../config/gateway-config';
import { GovernedModelRoute } from '../governance/governed-model-route.decorator';
import type { ChatResponse } from './chat-response';
import { ChatService, ChatStreamEvent } from './chat.service';
import { ChatRequestDto } from './dto/chat-request.dto';

@Controller('bedrock')
@UseInterceptors(UsageInterceptor)
export class ChatController {
  constructor(
    private readonly chat: ChatService,
    private readonly config: GatewayConfig,
  ) {}

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
    closeWhenStalled(reply, context.abort.signal, this.config.env.STREAM_STALL_MS);
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
 * Closes the connection of a caller that stopped reading: while the answer is under way, when no write
 * to its socket has completed for `stallMs` although more is waiting (backpressure would otherwise hold
 * the Bedrock stream, and its pooled connection, until the deadline); once the call's signal has
 * aborted, when none has for a whole grace (the rest of the answer would stay in the gateway for as long
 * as the caller likes). The kernel reports progress in steps of a good part of its send buffer, so a
 * caller reading very slowly behind a full buffer can look stalled: `stallMs` leaves a wide margin. The
 * watch ends with its response, as the connection may serve another; a pipelined response waits for
 * its socket.
 */
function closeWhenStalled(reply: FastifyReply, signal: AbortSignal, stallMs: number): void {
  const response = reply.raw;
  let timer: NodeJS.Timeout | undefined;
  response.once('close', () => clearTimeout(timer));
  const start = (socket: Socket): void => {
    // Bytes of completed writes: they stop growing when the caller's window is full.
    const sent = () => socket.bytesWritten - socket.writableLength;
    const watch = (before: number, ms: number): void => {
      timer = setTimeout(() => {
        if (response.writableFinished || socket.destroyed) return;
        const waiting = signal.aborted || socket.writableLength > 0;
        if (sent() === before && waiting) socket.destroy();
        else watch(sent(), signal.aborted ? STREAM_ABORT_GRACE_MS : stallMs);
      }, ms).unref();
    };
    watch(sent(), signal.aborted ? STREAM_ABORT_GRACE_MS : stallMs);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        watch(sent(), STREAM_ABORT_GRACE_MS);
      },
      { once: true },
    );
  };
  if (response.socket) start(response.socket);
  else response.once('socket', start);
}

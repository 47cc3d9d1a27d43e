import {
  CallRecord,
  type CanonicalChatRequest,
  FamilyStrategyRegistry,
  ModelInvoker,
  ModelResolver,
  StopSequenceCutter,
  StreamResult,
} from '@app/bedrock';
import { Injectable } from '@nestjs/common';
import { ApiError } from '../common/errors/api-error';
import { toApiError } from '../common/errors/to-api-error';
import { PreparedGeneration, gatewayStops, generateText } from '../common/generation/generate-text';
import { requestedModel, toCanonicalRequest } from '../common/generation/generation-request.mapper';
import { generationSummary } from '../common/generation/generation-summary';
import { parseSafely } from '../common/generation/parse-safely';
import { settleUsage } from '../common/generation/settle-usage';
import { StreamTally, type StreamTotals } from '../common/generation/stream-tally';
import type { RequestAbort } from '../common/http/client-abort';
import { GatewayConfig } from '../config/gateway-config';
import { logTranscript } from '../logging/transcript-log';
import { USAGE_METADATA } from '../governance/governance-route.constants';
import { conversationOf } from './chat-request.mapper';
import { ChatResponse, ChatSummary } from './chat-response';
import type { ChatRequestDto } from './dto/chat-request.dto';

/** Per-request context the controller hands over (the HTTP side stays in the controller). */
export interface ChatContext {
  record: CallRecord;
  requestId: string;
  startedAt: number;
  /** Fires when the caller goes away; the service adds the deadline. */
  abort: RequestAbort;
}

/** A chat ready to send, with the caller's prompt (for the transcript log). */
interface ChatCall extends PreparedGeneration {
  request: CanonicalChatRequest;
}

export type ChatStreamEvent =
  | { type: 'start'; data: { id: string; model_id: string; family: string; region: string | null } }
  | { type: 'delta'; data: { text: string } }
  | { type: 'done'; data: ChatSummary }
  | { type: 'error'; error: ApiError };

/** POST /bedrock/chat: one canonical request through the model's family strategy, blocking or streamed. */
@Injectable()
export class ChatService {
  constructor(
    private readonly resolver: ModelResolver,
    private readonly strategies: FamilyStrategyRegistry,
    private readonly invoker: ModelInvoker,
    private readonly config: GatewayConfig,
  ) {}

  async complete(dto: ChatRequestDto, context: ChatContext): Promise<ChatResponse> {
    const call = this.prepare(dto, context);
    const { record } = context;
    const parsed = await generateText(this.invoker, call, record).catch((error: unknown) => {
      logTranscript(record, context.requestId, call.request, '', error);
      throw error;
    });
    logTranscript(record, context.requestId, call.request, parsed.text);
    const { id, ...summary } = generationSummary(
      context.requestId,
      call.model,
      parsed,
      record,
      context.startedAt,
    );
    return { id, response: parsed.text, ...summary };
  }

  /** Opens the upstream stream (errors before the first byte are plain HTTP errors) and yields its events. */
  async stream(dto: ChatRequestDto, context: ChatContext): Promise<AsyncGenerator<ChatStreamEvent>> {
    const call = this.prepare(dto, context);
    const { record } = context;
    record.streamed = true;
    const opening = performance.now();
    const stream = await this.invoker
      .openStream(call.model, call.body, call.signal, record)
      .catch((error: unknown) => {
        record.bedrockLatencyMs = performance.now() - opening;
        throw error;
      });
    record.failoverRegion = stream.failoverRegion;
    record.bedrockLatencyMs = stream.openLatencyMs;
    let settle: () => void = () => undefined;
    record.completion = new Promise<void>((resolve) => (settle = resolve));
    const events = this.events(call, stream, context, settle);
    // A stream abandoned before its first read still settles its usage record.
    call.signal.addEventListener('abort', () => setTimeout(settle, 1000).unref(), { once: true });
    return events;
  }

  private async *events(
    call: ChatCall,
    stream: StreamResult,
    context: ChatContext,
    settle: () => void,
  ): AsyncGenerator<ChatStreamEvent> {
    const { record } = context;
    const openedAt = performance.now() - stream.openLatencyMs;
    const tally = new StreamTally();
    const cutter = call.gatewayStops.length > 0 ? new StopSequenceCutter(call.gatewayStops) : null;
    let deltas = 0;
    let ended = false;
    // What the caller received, kept only for a tenant whose transcripts are logged.
    const delivered: string[] | null = record.logPrompts ? [] : null;
    const account = (totals: StreamTotals) => {
      ended = true;
      record.bedrockLatencyMs = performance.now() - openedAt;
      if (totals.inputTokens === null) {
        // Mistral and Cohere count the input only in their last chunk: a stream cut short before it is
        // charged the prompt's estimate, and the record says so.
        totals = { ...totals, inputTokens: record.estimatedPromptTokens ?? 0 };
        record.metadata = { ...record.metadata, [USAGE_METADATA.inputTokens]: 'estimated' };
      }
      settleUsage(record, call.model, totals);
    };
    const done = (totals: StreamTotals): ChatStreamEvent => {
      account(totals);
      return {
        type: 'done',
        data: generationSummary(context.requestId, call.model, totals, record, context.startedAt),
      };
    };
    // Text held back for a stop sequence that did not come: Bedrock delivered it, so the caller gets it.
    const heldText = function* (): Generator<ChatStreamEvent> {
      const held = cutter?.flush();
      if (held) {
        deltas += 1;
        delivered?.push(held);
        yield { type: 'delta', data: { text: held } };
      }
    };
    // A stream that ends well has at least one delta (API.md), then done.
    const ending = function* (totals: StreamTotals): Generator<ChatStreamEvent> {
      if (deltas === 0) yield { type: 'delta', data: { text: '' } };
      yield done(totals);
    };
    try {
      yield {
        type: 'start',
        data: {
          id: context.requestId,
          model_id: call.model.invokeId,
          family: call.model.family,
          region: record.region,
        },
      };
      for await (const chunk of stream.chunks) {
        const update = parseSafely(() => call.strategy.parseStreamChunk(chunk));
        tally.add(update);
        // After a gateway-applied stop sequence the stream is read to its end for the token counts.
        const text = cutter && update.text ? cutter.push(update.text) : update.text;
        if (text) {
          deltas += 1;
          delivered?.push(text);
          yield { type: 'delta', data: { text } };
        }
      }
      yield* heldText();
      if (cutter?.hasStopped) tally.totals.stopReason = 'stop_sequence';
      yield* ending(tally.totals);
    } catch (error) {
      const failure = toApiError(error);
      if (cutter?.hasStopped && failure.code !== 'client_closed') {
        // Cut at a stop sequence, the caller has its whole answer: the rest was read only for Bedrock's
        // counts, so the deadline or a failure there ends the stream as done, charged for what was seen.
        yield* ending({ ...tally.unfinished(), stopReason: 'stop_sequence' });
        return;
      }
      if (failure.code !== 'client_closed') yield* heldText();
      account(tally.unfinished());
      record.errorCode = failure.code;
      record.status = failure.code === 'client_closed' ? 'client_closed' : 'error';
      yield { type: 'error', error: failure };
    } finally {
      // Left at a `yield` without an error: the response was destroyed because the caller went away.
      if (!ended) {
        account(tally.unfinished());
        record.errorCode = 'client_closed';
        record.status = 'client_closed';
      }
      if (delivered) logTranscript(record, context.requestId, call.request, delivered.join(''));
      settle();
    }
  }

  private prepare(dto: ChatRequestDto, context: ChatContext): ChatCall {
    const model = this.resolver.resolve(requestedModel(dto));
    context.record.model = model;
    context.record.metadata = dto.metadata ?? null;
    const request = toCanonicalRequest(dto, conversationOf(dto), model);
    const strategy = this.strategies.forModel(model);
    const timeoutMs = dto.timeout_ms ?? this.config.env.DEFAULT_TIMEOUT_MS;
    return {
      model,
      strategy,
      body: strategy.buildRequest(request, model),
      signal: context.abort.withDeadline(timeoutMs),
      gatewayStops: gatewayStops(strategy, request),
      request,
    };
  }
}

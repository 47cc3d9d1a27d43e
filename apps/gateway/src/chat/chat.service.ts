import {
  abortError,
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
import { streamCutShort, type StreamTotals } from '../common/generation/stream-tally';
import { STREAM_ABORT_GRACE_MS, type RequestAbort } from '../common/http/client-abort';
import { GatewayConfig } from '../config/gateway-config';
import { logFailedTranscript, logTranscript, StreamTranscript } from '../logging/transcript-log';
import { conversationOf } from './chat-request.mapper';
import { ChatResponse, ChatSummary } from './chat-response';
import { StreamAccount } from './stream-account';
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
    const parsed = await generateText(this.invoker, call, record).catch(
      logFailedTranscript(record, context.requestId, call.request),
    );
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
        return logFailedTranscript(record, context.requestId, call.request)(error);
      });
    record.bedrockLatencyMs = stream.openLatencyMs;
    const account = new StreamAccount(record, call.model, performance.now() - stream.openLatencyMs);
    const transcript = new StreamTranscript(record, context.requestId, call.request);
    // A stream its caller does not read on — left before its first read, or stalled on a full socket
    // when its deadline passed — is accounted with what Bedrock had reported and its record settled;
    // a stream that is read handles the abort itself well within the grace.
    call.signal.addEventListener(
      'abort',
      () => setTimeout(() => endStream(call.signal, account, transcript), STREAM_ABORT_GRACE_MS).unref(),
      { once: true },
    );
    return this.events(call, stream, context, account, transcript);
  }

  private async *events(
    call: ChatCall,
    stream: StreamResult,
    context: ChatContext,
    account: StreamAccount,
    transcript: StreamTranscript,
  ): AsyncGenerator<ChatStreamEvent> {
    const { record } = context;
    const { tally } = account;
    const cutter = call.gatewayStops.length > 0 ? new StopSequenceCutter(call.gatewayStops) : null;
    let deltas = 0;
    const done = (totals: StreamTotals): ChatStreamEvent => {
      account.account(totals);
      return {
        type: 'done',
        data: generationSummary(context.requestId, call.model, totals, record, context.startedAt),
      };
    };
    // Text held back for a stop sequence that did not come: Bedrock delivered it, so the caller gets it.
    const counted = () => {
      if (deltas === 0) record.firstTokenAt = performance.now();
      deltas += 1;
    };
    const heldText = function* (): Generator<ChatStreamEvent> {
      const held = cutter?.flush();
      if (held) {
        counted();
        transcript.add(held);
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
          counted();
          transcript.add(text);
          yield { type: 'delta', data: { text } };
        }
      }
      if (!tally.finished) throw streamCutShort();
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
      account.fail(failure.code, error);
      yield { type: 'error', error: failure };
    } finally {
      endStream(call.signal, account, transcript);
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

/**
 * The end of a stream, whichever way it ends (once: later calls change nothing). One not accounted yet
 * was left at a `yield` or never read: its response was destroyed, because the caller went away or the
 * gateway ended the call (its deadline, a graceful stop), and the signal's reason says which.
 */
function endStream(signal: AbortSignal, account: StreamAccount, transcript: StreamTranscript): void {
  if (!account.isAccounted) {
    const ended = signal.aborted ? abortError(signal) : null;
    account.fail(ended?.code ?? 'client_closed', ended ?? undefined);
  }
  transcript.log();
  account.close();
}

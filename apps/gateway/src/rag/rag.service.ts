import { FamilyStrategyRegistry, ModelInvoker, ModelResolver } from '@app/bedrock';
import { Injectable } from '@nestjs/common';
import { gatewayStops, generateText } from '../common/generation/generate-text';
import { requestedModel, toCanonicalRequest } from '../common/generation/generation-request.mapper';
import { generationSummary } from '../common/generation/generation-summary';
import { KnowledgeBaseRegistry } from '../common/knowledge-bases/knowledge-base.registry';
import { generationRegion } from '../common/knowledge-bases/rag-defaults';
import { GatewayConfig } from '../config/gateway-config';
import { logFailedTranscript, logTranscript } from '../logging/transcript-log';
import { groundedRequest } from './context/grounded-request';
import { packContext } from './context/pack-context';
import { selectPassages } from './context/select-passages';
import type { RagRequestDto } from './dto/rag-request.dto';
import { ManagedRagService } from './managed/managed-rag.service';
import { RagCall, RagContext, noContext, ragFields } from './rag-call';
import { ragSettings, requestedKnowledgeBase } from './rag-request.mapper';
import type { RagResponse } from './rag-response';
import { followUpCall } from './retrieval/knowledge-base-upstream';
import { KnowledgeBaseRetriever } from './retrieval/knowledge-base-retriever';

/**
 * POST /bedrock/chat/rag. `retrieve` mode: Retrieve, keep passages from `min_score` up, best first, pack
 * them into the context budget, ground the prompt through the model's family strategy and generate.
 * `retrieve_and_generate` mode: Bedrock's managed RetrieveAndGenerate.
 */
@Injectable()
export class RagService {
  constructor(
    private readonly knowledgeBases: KnowledgeBaseRegistry,
    private readonly resolver: ModelResolver,
    private readonly strategies: FamilyStrategyRegistry,
    private readonly invoker: ModelInvoker,
    private readonly retriever: KnowledgeBaseRetriever,
    private readonly managed: ManagedRagService,
    private readonly config: GatewayConfig,
  ) {}

  async answer(dto: RagRequestDto, context: RagContext): Promise<RagResponse> {
    const call = this.prepare(dto, context);
    const answering =
      call.settings.mode === 'retrieve_and_generate'
        ? this.managed.answer(dto.message, call, context)
        : this.retrieveThenGenerate(dto.message, call, context);
    const answer = await answering.catch(
      logFailedTranscript(context.record, context.requestId, call.request),
    );
    logTranscript(context.record, context.requestId, call.request, answer.response);
    return answer;
  }

  private prepare(dto: RagRequestDto, context: RagContext): RagCall {
    const { record } = context;
    record.metadata = dto.metadata ?? null;
    const kb = this.knowledgeBases.resolve(requestedKnowledgeBase(dto), context.visible);
    record.knowledgeBaseId = kb.id;
    const settings = ragSettings(dto, kb);
    const model = this.resolver.resolve(requestedModel(dto), generationRegion(settings.mode, kb));
    record.model = model;
    const request = toCanonicalRequest(dto, [{ role: 'user', content: dto.message }], model);
    const timeoutMs = dto.timeout_ms ?? this.config.env.DEFAULT_TIMEOUT_MS;
    const signal = context.abort.withDeadline(timeoutMs);
    return { kb, model, settings, request, signal };
  }

  private async retrieveThenGenerate(
    question: string,
    call: RagCall,
    context: RagContext,
  ): Promise<RagResponse> {
    const { kb, model, settings, signal } = call;
    const { record } = context;
    const started = performance.now();
    const retrieved = await this.retriever
      .retrieve(kb, { text: question, ...settings }, signal, record)
      .finally(() => (record.bedrockLatencyMs = performance.now() - started));
    const { passages, contextLength } = packContext(
      selectPassages(retrieved, settings.minScore),
      settings.maxContextLength,
    );
    record.ragUsed = passages.length > 0;
    record.contextsUsed = passages.length;
    if (passages.length === 0 && kb.strict) throw noContext(kb);

    const request = passages.length > 0 ? groundedRequest(call.request, passages) : call.request;
    const strategy = this.strategies.forModel(model);
    const body = strategy.buildRequest(request, model);
    const result = await followUpCall(record, () =>
      generateText(
        this.invoker,
        { model, strategy, body, signal, gatewayStops: gatewayStops(strategy, request) },
        record,
      ),
    );
    const { id, ...summary } = generationSummary(context.requestId, model, result, record, context.startedAt);
    return {
      id,
      response: result.text,
      ...summary,
      ...ragFields(call, passages, contextLength),
    };
  }
}

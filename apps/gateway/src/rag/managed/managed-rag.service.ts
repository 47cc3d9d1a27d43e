import { Injectable } from '@nestjs/common';
import { generationSummary } from '../../common/generation/generation-summary';
import { RagCall, RagContext, noContext, ragFields } from '../rag-call';
import type { RagResponse } from '../rag-response';
import { ManagedRetrieveAndGenerate } from './managed-retrieve-and-generate';
import { toCitations } from './to-citations';

/**
 * `mode: "retrieve_and_generate"`: Bedrock retrieves, prompts and generates; the gateway maps the answer
 * and its citations. RetrieveAndGenerate reports neither token counts nor a stop reason, and its
 * references carry no score, so `min_score` and `max_context_length` do not apply here.
 */
@Injectable()
export class ManagedRagService {
  constructor(private readonly upstream: ManagedRetrieveAndGenerate) {}

  async answer(question: string, call: RagCall, context: RagContext): Promise<RagResponse> {
    const { kb, model, settings, request, signal } = call;
    const { record } = context;
    const started = performance.now();
    const output = await this.upstream
      .run(kb, model, { text: question, ...settings, request }, signal, record)
      .finally(() => (record.bedrockLatencyMs = performance.now() - started));
    record.unmetered = true;
    const { citations, passages } = toCitations(output.citations);
    record.ragUsed = passages.length > 0;
    record.contextsUsed = passages.length;
    if (passages.length === 0 && kb.strict) throw noContext(kb);
    const result = {
      stopReason:
        output.guardrailAction === 'INTERVENED' ? ('content_filtered' as const) : ('other' as const),
      inputTokens: null,
      outputTokens: null,
    };
    const { id, ...summary } = generationSummary(context.requestId, model, result, record, context.startedAt);
    const contextLength = passages.reduce((total, passage) => total + passage.text.length, 0);
    return {
      id,
      response: output.output?.text ?? '',
      ...summary,
      ...ragFields(call, passages, contextLength),
      ...(settings.includeSources ? { citations } : {}),
    };
  }
}

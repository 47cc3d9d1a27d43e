import type { CatalogModel } from '@app/bedrock';
import type { CanonicalPrompt, StopReason } from '../../generation/canonical-prompt';
import { uuidOf } from '../../generation/hash';
import { parseCohereCommandR } from './cohere-command-r.request';
import { cohereToolCalls } from './cohere-tools';
import type { RenderInput, TextSchema } from './text-schema.types';

/**
 * Cohere Command R / R+ (shared/docs/bedrock-wire.md §7.6): Cohere's v1 chat response as Bedrock passes
 * it through. Bedrock's body has no `meta.billed_units`; token counts travel only in headers and metrics.
 * A tool call is `tool_calls: [{name, parameters}]` with `text: ''` and `finish_reason: 'COMPLETE'` (v1 has
 * no tool-call reason); streamed, one `tool-calls-generation` event between stream-start and stream-end.
 */
export class CohereCommandRSchema implements TextSchema {
  parse(model: CatalogModel, body: unknown): CanonicalPrompt {
    return parseCohereCommandR(model, body);
  }

  renderBody({ prompt, generation, requestId, toolUse }: RenderInput): Record<string, unknown> {
    const toolCalls = toolUse ? cohereToolCalls(toolUse) : undefined;
    const text = toolCalls ? '' : generation.text;
    const body: Record<string, unknown> = {
      response_id: uuidOf(`${requestId}/response`),
      text,
      generation_id: uuidOf(`${requestId}/generation`),
      chat_history: [
        ...prompt.turns.map((turn) => ({
          role: turn.role === 'user' ? 'USER' : 'CHATBOT',
          message: turn.text,
        })),
        { role: 'CHATBOT', message: text, ...(toolCalls ? { tool_calls: toolCalls } : {}) },
      ],
      finish_reason: toolCalls ? 'COMPLETE' : finishReasonOf(generation.stopReason),
      ...(toolCalls ? { tool_calls: toolCalls } : {}),
    };
    // Citations point at native documents only (`doc_<index>`); context blocks in text have no ids here.
    if (prompt.documents.length > 0) {
      body.citations = (toolCalls ? [] : generation.citations)
        .map((citation) => ({
          start: citation.start,
          end: citation.end,
          text: generation.text.slice(citation.start, citation.end),
          document_ids: citation.passageIndexes
            .filter((i) => i < prompt.documents.length)
            .map((i) => `doc_${i}`),
        }))
        .filter((citation) => citation.document_ids.length > 0);
      body.documents = prompt.documents.map((document, index) => ({
        id: `doc_${index}`,
        ...(document.title === undefined ? {} : { title: document.title }),
        snippet: document.text,
      }));
    }
    return body;
  }

  /**
   * stream-start, text-generation×N (or one tool-calls-generation, cohere_aws's StreamEvent), then
   * stream-end carrying the full response.
   */
  renderChunks(input: RenderInput): Record<string, unknown>[] {
    const { generation, requestId, toolUse } = input;
    const response = this.renderBody(input);
    const middle = toolUse
      ? [{ is_finished: false, event_type: 'tool-calls-generation', tool_calls: cohereToolCalls(toolUse) }]
      : generation.deltas.map((piece) => ({
          is_finished: false,
          event_type: 'text-generation',
          text: piece.text,
        }));
    return [
      { is_finished: false, event_type: 'stream-start', generation_id: uuidOf(`${requestId}/generation`) },
      ...middle,
      { is_finished: true, event_type: 'stream-end', finish_reason: response.finish_reason, response },
    ];
  }
}

/** Cohere has no distinct reason for a stop sequence: generation completed normally. */
function finishReasonOf(reason: StopReason): string {
  switch (reason) {
    case 'max_tokens':
      return 'MAX_TOKENS';
    case 'end_turn':
    case 'stop_sequence':
      return 'COMPLETE';
  }
}

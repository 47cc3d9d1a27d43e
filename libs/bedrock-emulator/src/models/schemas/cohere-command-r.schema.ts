import type { CatalogModel } from '@app/bedrock';
import type { CanonicalPrompt, StopReason } from '../../generation/canonical-prompt';
import { uuidOf } from '../../generation/hash';
import { parseCohereCommandR } from './cohere-command-r.request';
import type { RenderInput, TextSchema } from './text-schema.types';

/**
 * Cohere Command R / R+ (shared/docs/bedrock-wire.md §7.6): Cohere's v1 chat response as Bedrock passes
 * it through. Bedrock's body has no `meta.billed_units`; token counts travel only in headers and metrics.
 */
export class CohereCommandRSchema implements TextSchema {
  parse(model: CatalogModel, body: unknown): CanonicalPrompt {
    return parseCohereCommandR(model, body);
  }

  renderBody({ prompt, generation, requestId }: RenderInput): Record<string, unknown> {
    const body: Record<string, unknown> = {
      response_id: uuidOf(`${requestId}/response`),
      text: generation.text,
      generation_id: uuidOf(`${requestId}/generation`),
      chat_history: [
        ...prompt.turns.map((turn) => ({
          role: turn.role === 'user' ? 'USER' : 'CHATBOT',
          message: turn.text,
        })),
        { role: 'CHATBOT', message: generation.text },
      ],
      finish_reason: finishReasonOf(generation.stopReason),
    };
    // Citations point at native documents only (`doc_<index>`); context blocks in text have no ids here.
    if (prompt.documents.length > 0) {
      body.citations = generation.citations
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

  /** stream-start, text-generation×N, then stream-end carrying the full response. */
  renderChunks(input: RenderInput): Record<string, unknown>[] {
    const { generation, requestId } = input;
    return [
      { is_finished: false, event_type: 'stream-start', generation_id: uuidOf(`${requestId}/generation`) },
      ...generation.deltas.map((piece) => ({
        is_finished: false,
        event_type: 'text-generation',
        text: piece.text,
      })),
      {
        is_finished: true,
        event_type: 'stream-end',
        finish_reason: finishReasonOf(generation.stopReason),
        response: this.renderBody(input),
      },
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

import type { CatalogModel } from '@app/bedrock';
import type { CanonicalPrompt } from '../../generation/canonical-prompt';
import { base62Of } from '../../generation/hash';
import { parseAnthropicMessages } from './anthropic-messages.request';
import type { RenderInput, TextSchema } from './text-schema.types';

/** Anthropic Claude Messages API on Bedrock (shared/docs/bedrock-wire.md §7.1, full stream in §2.6). */
export class AnthropicMessagesSchema implements TextSchema {
  parse(model: CatalogModel, body: unknown): CanonicalPrompt {
    return parseAnthropicMessages(model, body);
  }

  renderBody({ model, generation, requestId }: RenderInput): Record<string, unknown> {
    return {
      id: messageId(requestId),
      type: 'message',
      role: 'assistant',
      model: anthropicModelName(model.modelId),
      content: [{ type: 'text', text: generation.text }],
      // The canonical stop reasons are Claude's own names.
      stop_reason: generation.stopReason,
      stop_sequence: generation.stopSequence,
      usage: { input_tokens: generation.inputTokens, output_tokens: generation.outputTokens },
    };
  }

  renderChunks({ model, generation, requestId }: RenderInput): Record<string, unknown>[] {
    const message = {
      id: messageId(requestId),
      type: 'message',
      role: 'assistant',
      model: anthropicModelName(model.modelId),
      content: [],
      stop_reason: null,
      stop_sequence: null,
      // Real streams report 1 output token up front; the final count arrives in message_delta.
      usage: { input_tokens: generation.inputTokens, output_tokens: 1 },
    };
    return [
      { type: 'message_start', message },
      { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
      ...generation.deltas.map((piece) => ({
        type: 'content_block_delta',
        index: 0,
        delta: { type: 'text_delta', text: piece.text },
      })),
      { type: 'content_block_stop', index: 0 },
      {
        type: 'message_delta',
        delta: { stop_reason: generation.stopReason, stop_sequence: generation.stopSequence },
        usage: { output_tokens: generation.outputTokens },
      },
      { type: 'message_stop' },
    ];
  }
}

/** Bedrock message ids look like `msg_bdrk_01A6sahWac4XVTR9sX3rgvsZ`; derived from the request id. */
function messageId(requestId: string): string {
  return `msg_bdrk_01${base62Of(requestId, 22)}`;
}

/** The body's `model` is Anthropic's short name, not the Bedrock id (`claude-3-haiku-20240307`). */
export function anthropicModelName(modelId: string): string {
  return modelId.replace(/^anthropic\./, '').replace(/-v\d+(:\d+)?$/, '');
}

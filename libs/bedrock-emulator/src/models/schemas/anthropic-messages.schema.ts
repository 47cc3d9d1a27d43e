import type { CatalogModel } from '@app/bedrock';
import type { CanonicalPrompt } from '../../generation/canonical-prompt';
import { base62Of } from '../../generation/hash';
import type { Generation } from '../../generation/text-generator';
import { parseAnthropicMessages } from './anthropic-messages.request';
import { toolUseChunks, toolUseContent } from './anthropic-tool-use';
import type { RenderInput, TextSchema } from './text-schema.types';

/**
 * Anthropic Claude Messages API on Bedrock (shared/docs/bedrock-wire.md §7.1, full stream in §2.6). A tool
 * call answers instead of the text, with stop reason `tool_use`.
 */
export class AnthropicMessagesSchema implements TextSchema {
  parse(model: CatalogModel, body: unknown): CanonicalPrompt {
    return parseAnthropicMessages(model, body);
  }

  renderBody({ model, generation, requestId, toolUse }: RenderInput): Record<string, unknown> {
    const answer = toolUse ?? generation;
    return {
      id: messageId(requestId),
      type: 'message',
      role: 'assistant',
      model: anthropicModelName(model.modelId),
      content: toolUse ? [toolUseContent(toolUse)] : [{ type: 'text', text: generation.text }],
      // The canonical stop reasons are Claude's own names.
      stop_reason: toolUse ? 'tool_use' : generation.stopReason,
      stop_sequence: toolUse ? null : generation.stopSequence,
      usage: { input_tokens: answer.inputTokens, output_tokens: answer.outputTokens },
    };
  }

  renderChunks({ model, generation, requestId, toolUse }: RenderInput): Record<string, unknown>[] {
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
    const delta = toolUse
      ? { stop_reason: 'tool_use', stop_sequence: null }
      : { stop_reason: generation.stopReason, stop_sequence: generation.stopSequence };
    return [
      { type: 'message_start', message },
      ...(toolUse ? toolUseChunks(toolUse) : textChunks(generation)),
      { type: 'message_delta', delta, usage: { output_tokens: (toolUse ?? generation).outputTokens } },
      { type: 'message_stop' },
    ];
  }
}

function textChunks(generation: Generation): Record<string, unknown>[] {
  return [
    { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
    ...generation.deltas.map((piece) => ({
      type: 'content_block_delta',
      index: 0,
      delta: { type: 'text_delta', text: piece.text },
    })),
    { type: 'content_block_stop', index: 0 },
  ];
}

/** Bedrock message ids look like `msg_bdrk_01A6sahWac4XVTR9sX3rgvsZ`; derived from the request id. */
function messageId(requestId: string): string {
  return `msg_bdrk_01${base62Of(requestId, 22)}`;
}

/** The body's `model` is Anthropic's short name, not the Bedrock id (`claude-3-haiku-20240307`). */
export function anthropicModelName(modelId: string): string {
  return modelId.replace(/^anthropic\./, '').replace(/-v\d+(:\d+)?$/, '');
}

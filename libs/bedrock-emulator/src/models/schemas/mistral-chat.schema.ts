import type { CatalogModel } from '@app/bedrock';
import { EmulatorError } from '../../errors/emulator-error';
import type { CanonicalPrompt, PromptTurn } from '../../generation/canonical-prompt';
import { uuidOf } from '../../generation/hash';
import {
  optionalNumberInRange,
  optionalStringArray,
  readArray,
  readMaxTokens,
  readObject,
  readString,
} from './body-fields';
import { stopOrLength } from './stop-or-length';
import type { RenderInput, TextSchema } from './text-schema.types';

const MESSAGE_KEYS = ['role', 'content', 'tool_calls', 'tool_call_id', 'name'] as const;

/**
 * Mistral Large 2407 chat completion (shared/docs/bedrock-wire.md §7.5). OpenAI-like, except that
 * the field is `stop_reason`, not `finish_reason`.
 */
export class MistralChatSchema implements TextSchema {
  parse(model: CatalogModel, body: unknown): CanonicalPrompt {
    const request = readObject(
      body,
      '',
      ['messages', 'tools', 'tool_choice', 'max_tokens', 'top_p', 'temperature', 'stop'],
      ['messages'],
    );
    const system: string[] = [];
    const turns: PromptTurn[] = [];
    readArray(request.messages, 'messages').forEach((message, index) => {
      const path = `messages/${index}`;
      const fields = readObject(message, path, MESSAGE_KEYS, ['role']);
      const role = readString(fields.role, `${path}/role`);
      const text =
        fields.content === undefined || fields.content === null
          ? ''
          : readString(fields.content, `${path}/content`);
      if (role === 'system') system.push(text);
      else if (role === 'assistant') turns.push({ role: 'assistant', text });
      // A tool result is input the model reads, like a user turn.
      else if (role === 'user' || role === 'tool') turns.push({ role: 'user', text });
      else throw EmulatorError.malformedInput(`#/${path}/role: ${role} is not a valid enum value`);
    });
    if (turns.length === 0)
      throw EmulatorError.malformedInput('#/messages: expected minimum item count: 1, found: 0');
    return {
      system: system.join('\n'),
      turns,
      maxTokens: readMaxTokens(model, request.max_tokens, 'max_tokens'),
      temperature: optionalNumberInRange(request.temperature, 'temperature', 0, 1),
      topP: optionalNumberInRange(request.top_p, 'top_p', 0, 1),
      stopSequences: optionalStringArray(request.stop, 'stop'),
      documents: [],
    };
  }

  renderBody({ model, generation, requestId, createdAt }: RenderInput): Record<string, unknown> {
    return {
      id: uuidOf(requestId),
      object: 'chat.completion',
      created: createdAt,
      model: mistralModelName(model.modelId),
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: generation.text, tool_calls: null },
          stop_reason: stopOrLength(generation.stopReason),
        },
      ],
      usage: usageOf(generation),
    };
  }

  /** Captured Large 2407 chunks: `role` stays null, the last chunk adds `stop_reason` and `usage`. */
  renderChunks({ model, generation, requestId, createdAt }: RenderInput): Record<string, unknown>[] {
    const pieces = generation.deltas.length > 0 ? generation.deltas : [{ text: '', tokenCount: 0 }];
    return pieces.map((piece, index) => {
      const last = index === pieces.length - 1;
      return {
        id: uuidOf(requestId),
        object: 'chat.completion.chunk',
        created: createdAt,
        model: mistralModelName(model.modelId),
        choices: [
          {
            index: 0,
            logprobs: null,
            context_logits: null,
            generation_logits: null,
            message: { role: null, content: piece.text, tool_calls: null, index: null, tool_call_id: null },
            stop_reason: last ? stopOrLength(generation.stopReason) : null,
          },
        ],
        usage: last ? usageOf(generation) : null,
      };
    });
  }
}

function usageOf(generation: RenderInput['generation']): Record<string, number> {
  const { inputTokens, outputTokens } = generation;
  return {
    prompt_tokens: inputTokens,
    completion_tokens: outputTokens,
    total_tokens: inputTokens + outputTokens,
  };
}

/** `mistral.mistral-large-2407-v1:0` → `mistral-large-2407`, the name the body reports. */
function mistralModelName(modelId: string): string {
  return modelId.replace(/^mistral\./, '').replace(/-v\d+(:\d+)?$/, '');
}

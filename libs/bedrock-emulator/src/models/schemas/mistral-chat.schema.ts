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
import { mistralToolCalls, readMistralTools } from './mistral-tools';
import { stopOrLength } from './stop-or-length';
import type { RenderInput, TextSchema } from './text-schema.types';

const MESSAGE_KEYS = ['role', 'content', 'tool_calls', 'tool_call_id', 'name'] as const;

/**
 * Mistral Large 2407 chat completion (shared/docs/bedrock-wire.md §7.5). OpenAI-like, except that
 * the field is `stop_reason`, not `finish_reason`. A tool call answers with `content: ''`, `tool_calls`
 * and stop reason `tool_calls`; streamed, in one chunk (Mistral does not stream arguments in pieces).
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
    let lastRole = '';
    readArray(request.messages, 'messages').forEach((message, index) => {
      const path = `messages/${index}`;
      const fields = readObject(message, path, MESSAGE_KEYS, ['role']);
      const role = readString(fields.role, `${path}/role`);
      lastRole = role;
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
    if (lastRole === 'assistant') {
      // Mistral serves a last assistant message only as a prefix (`prefix: true`), which this schema lacks.
      throw EmulatorError.validation(
        'Expected last role User or Tool (or Assistant with prefix True) for serving but got assistant',
      );
    }
    const tools = readMistralTools(request.tools, request.tool_choice, request.messages);
    return {
      ...(tools === undefined ? {} : { tools }),
      system: system.join('\n'),
      turns,
      maxTokens: readMaxTokens(model, request.max_tokens, 'max_tokens'),
      temperature: optionalNumberInRange(request.temperature, 'temperature', 0, 1),
      topP: optionalNumberInRange(request.top_p, 'top_p', 0, 1),
      stopSequences: optionalStringArray(request.stop, 'stop'),
      documents: [],
    };
  }

  renderBody({ model, generation, requestId, createdAt, toolUse }: RenderInput): Record<string, unknown> {
    return {
      id: uuidOf(requestId),
      object: 'chat.completion',
      created: createdAt,
      model: mistralModelName(model.modelId),
      choices: [
        {
          index: 0,
          message: toolUse
            ? { role: 'assistant', content: '', tool_calls: mistralToolCalls(toolUse) }
            : { role: 'assistant', content: generation.text, tool_calls: null },
          stop_reason: toolUse ? 'tool_calls' : stopOrLength(generation.stopReason),
        },
      ],
      usage: usageOf(toolUse ?? generation),
    };
  }

  /** Captured Large 2407 chunks: `role` stays null, the last chunk adds `stop_reason` and `usage`. */
  renderChunks({ model, generation, requestId, createdAt, toolUse }: RenderInput): Record<string, unknown>[] {
    const pieces =
      toolUse || generation.deltas.length === 0 ? [{ text: '', tokenCount: 0 }] : generation.deltas;
    const toolCalls = toolUse ? mistralToolCalls(toolUse) : null;
    const stopReason = toolUse ? 'tool_calls' : stopOrLength(generation.stopReason);
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
            message: {
              role: null,
              content: piece.text,
              tool_calls: toolCalls,
              index: null,
              tool_call_id: null,
            },
            stop_reason: last ? stopReason : null,
          },
        ],
        usage: last ? usageOf(toolUse ?? generation) : null,
      };
    });
  }
}

function usageOf({
  inputTokens,
  outputTokens,
}: {
  inputTokens: number;
  outputTokens: number;
}): Record<string, number> {
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

import type { CatalogModel } from '@app/bedrock';
import type { CanonicalPrompt, PromptTurn } from '../../generation/canonical-prompt';
import { optionalNumberInRange, readArray, readMaxTokens, readObject, readString } from './body-fields';
import { stopOrLength } from './stop-or-length';
import type { RenderInput, TextSchema } from './text-schema.types';

const HEADER_TURN =
  /<\|start_header_id\|>(\w+)<\|end_header_id\|>\n*([\s\S]*?)(?=<\|eot_id\|>|<\|start_header_id\|>|$)/g;
const SPECIAL_TOKEN = /<\|[a-z_]+\|>/g;

/** Meta Llama 3 / 3.1 / 3.2 / 3.3 (shared/docs/bedrock-wire.md §7.3). */
export class Llama3Schema implements TextSchema {
  parse(model: CatalogModel, body: unknown): CanonicalPrompt {
    const request = readObject(
      body,
      '',
      ['prompt', 'temperature', 'top_p', 'max_gen_len', 'images'],
      ['prompt'],
    );
    if (request.images !== undefined) readArray(request.images, 'images');
    const { system, turns } = parseLlamaPrompt(readString(request.prompt, 'prompt'));
    return {
      system,
      turns,
      maxTokens: readMaxTokens(model, request.max_gen_len, 'max_gen_len'),
      temperature: optionalNumberInRange(request.temperature, 'temperature', 0, 1),
      topP: optionalNumberInRange(request.top_p, 'top_p', 0, 1),
      // Llama's native body has no stop sequences.
      stopSequences: [],
      documents: [],
    };
  }

  renderBody({ generation }: RenderInput): Record<string, unknown> {
    return {
      generation: generation.text,
      prompt_token_count: generation.inputTokens,
      generation_token_count: generation.outputTokens,
      stop_reason: stopOrLength(generation.stopReason),
    };
  }

  /** `prompt_token_count` only in the first chunk; `generation_token_count` is a running total. */
  renderChunks({ generation }: RenderInput): Record<string, unknown>[] {
    let runningTokens = 0;
    const chunks: Record<string, unknown>[] = generation.deltas.map((piece, index) => {
      runningTokens += piece.tokenCount;
      return {
        generation: piece.text,
        prompt_token_count: index === 0 ? generation.inputTokens : null,
        generation_token_count: runningTokens,
        stop_reason: null,
      };
    });
    chunks.push({
      generation: '',
      prompt_token_count: chunks.length === 0 ? generation.inputTokens : null,
      generation_token_count: generation.outputTokens,
      stop_reason: stopOrLength(generation.stopReason),
    });
    return chunks;
  }
}

/**
 * Reads the Llama 3 chat template back into turns: `<|start_header_id|>{role}<|end_header_id|>\n\n{text}<|eot_id|>`.
 * A prompt without headers is one user turn; the trailing open assistant header is dropped.
 */
export function parseLlamaPrompt(prompt: string): { system: string; turns: PromptTurn[] } {
  const system: string[] = [];
  const turns: PromptTurn[] = [];
  for (const match of prompt.matchAll(HEADER_TURN)) {
    const role = match[1] ?? 'user';
    const text = (match[2] ?? '').trim();
    if (role === 'system') system.push(text);
    else if (role === 'assistant') {
      if (text !== '') turns.push({ role: 'assistant', text });
    } else turns.push({ role: 'user', text });
  }
  if (system.length === 0 && turns.length === 0) {
    return { system: '', turns: [{ role: 'user', text: prompt.replace(SPECIAL_TOKEN, '').trim() }] };
  }
  return { system: system.join('\n'), turns };
}

import type { CatalogModel } from '@app/bedrock';
import type { CanonicalPrompt, PromptTurn } from '../../generation/canonical-prompt';
import {
  optionalNumberInRange,
  optionalStringArray,
  readMaxTokens,
  readObject,
  readString,
} from './body-fields';
import { stopOrLength } from './stop-or-length';
import type { RenderInput, TextSchema } from './text-schema.types';

const OPEN = '[INST]';
const CLOSE = '[/INST]';

/** Mistral 7B / Mixtral / Large 2402 / Small text completion (shared/docs/bedrock-wire.md §7.4). */
export class MistralCompletionSchema implements TextSchema {
  parse(model: CatalogModel, body: unknown): CanonicalPrompt {
    const request = readObject(
      body,
      '',
      ['prompt', 'max_tokens', 'stop', 'temperature', 'top_p', 'top_k'],
      ['prompt'],
    );
    optionalNumberInRange(request.top_k, 'top_k', 0, 200);
    return {
      system: '',
      turns: parseMistralPrompt(readString(request.prompt, 'prompt')),
      maxTokens: readMaxTokens(model, request.max_tokens, 'max_tokens'),
      temperature: optionalNumberInRange(request.temperature, 'temperature', 0, 1),
      topP: optionalNumberInRange(request.top_p, 'top_p', 0, 1),
      stopSequences: optionalStringArray(request.stop, 'stop'),
      documents: [],
    };
  }

  /** The body carries no token counts; they travel only in the headers (§7.4). */
  renderBody({ generation }: RenderInput): Record<string, unknown> {
    return { outputs: [{ text: generation.text, stop_reason: stopOrLength(generation.stopReason) }] };
  }

  renderChunks({ generation }: RenderInput): Record<string, unknown>[] {
    const pieces = generation.deltas.length > 0 ? generation.deltas : [{ text: '', tokenCount: 0 }];
    return pieces.map((piece, index) => ({
      outputs: [
        {
          text: piece.text,
          stop_reason: index === pieces.length - 1 ? stopOrLength(generation.stopReason) : null,
        },
      ],
    }));
  }
}

/**
 * Reads `<s>[INST] q1 [/INST] a1</s>[INST] q2 [/INST]` back into turns; no `[INST]` means one user turn.
 * Each turn is `[INST]`, the question up to the first `[/INST]`, the answer up to the next `[INST]`.
 * Scanned with indexOf, not a lazy regex: with no `[/INST]` a regex retried every `[INST]` to the end,
 * and a megabyte of `[INST]` blocked the event loop for a minute.
 */
export function parseMistralPrompt(prompt: string): PromptTurn[] {
  const turns: PromptTurn[] = [];
  let open = prompt.indexOf(OPEN);
  while (open !== -1) {
    const close = prompt.indexOf(CLOSE, open + OPEN.length);
    if (close === -1) break;
    const next = prompt.indexOf(OPEN, close + CLOSE.length);
    turns.push({ role: 'user', text: stripSentenceMarks(prompt.slice(open + OPEN.length, close)) });
    const answer = stripSentenceMarks(prompt.slice(close + CLOSE.length, next === -1 ? undefined : next));
    if (answer !== '') turns.push({ role: 'assistant', text: answer });
    open = next;
  }
  return turns.length > 0 ? turns : [{ role: 'user', text: stripSentenceMarks(prompt) }];
}

function stripSentenceMarks(text: string): string {
  return text.replace(/<\/?s>/g, '').trim();
}

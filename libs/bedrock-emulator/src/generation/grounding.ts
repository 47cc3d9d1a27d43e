import type { CanonicalPrompt } from './canonical-prompt';
import { parseContextBlocks } from './context-block';

/** Retrieved passages the answer must be drawn from, and the question they should answer. */
export interface Grounding {
  question: string;
  passages: { text: string; title?: string; uri?: string }[];
}

/**
 * Finds retrieved context in a prompt: native documents (Cohere) first, then `<context>` blocks in the
 * system text and in every turn. The question is the last user turn's text outside any context block.
 * Returns undefined when the prompt carries no context, so the caller generates free text instead.
 */
export function groundingOf(prompt: CanonicalPrompt): Grounding | undefined {
  const passages: Grounding['passages'] = prompt.documents.map((document) => ({ ...document }));
  for (const text of [prompt.system, ...prompt.turns.map((turn) => turn.text)]) {
    for (const passage of parseContextBlocks(text).passages) {
      passages.push({ text: passage.text, ...(passage.uri === undefined ? {} : { uri: passage.uri }) });
    }
  }
  if (passages.length === 0) return undefined;
  const lastUser = [...prompt.turns].reverse().find((turn) => turn.role === 'user');
  return { question: lastUser === undefined ? '' : parseContextBlocks(lastUser.text).rest, passages };
}

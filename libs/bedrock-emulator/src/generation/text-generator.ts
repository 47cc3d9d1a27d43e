import type { CanonicalPrompt, StopReason } from './canonical-prompt';
import { splitIntoDeltas, type DeltaPiece } from './delta-pieces';
import { extractiveAnswer, type ExtractiveCitation } from './extractive-answer';
import { fillerText, topicWords } from './filler-text';
import { groundingOf } from './grounding';
import { seedOf } from './hash';
import { findStopSequence } from './stop-sequences';
import { countTokens, tokenize } from './tokenizer';

/** What the model "said", before any schema renders it. `outputTokens === countTokens(text)` always. */
export interface Generation {
  text: string;
  /** Stream pieces; they concatenate to `text`. */
  deltas: DeltaPiece[];
  inputTokens: number;
  outputTokens: number;
  stopReason: StopReason;
  /** The matched stop sequence when `stopReason` is `stop_sequence`, else null. */
  stopSequence: string | null;
  /** Character spans of `text` (end exclusive) and the grounding passages they came from. */
  citations: ExtractiveCitation[];
  /** The grounding passages the citations index into (empty when the prompt had no context). */
  passages: { text: string; title?: string; uri?: string }[];
}

const MIN_NATURAL_TOKENS = 16;
const NATURAL_TOKEN_SPREAD = 100;

/**
 * Deterministic generation: the same model, prompt and sampling parameters give the same text.
 * The draft is the scripted text when given, an extractive answer when the prompt carries retrieved
 * context, or topical filler prose of a natural length derived from a hash of the prompt. The draft is
 * then cut at the first stop sequence and capped at `maxTokens`; the budget and stop sequences are
 * left out of the seed so a capped answer is a prefix of the uncapped one, as with a real model.
 */
export function generate(modelId: string, prompt: CanonicalPrompt, scriptedText?: string): Generation {
  const grounding = groundingOf(prompt);
  let draft: string;
  let citations: ExtractiveCitation[] = [];
  if (scriptedText !== undefined) {
    draft = scriptedText;
  } else if (grounding !== undefined) {
    ({ text: draft, citations } = extractiveAnswer(grounding.question, grounding.passages));
  } else {
    const seed = seedOf(
      JSON.stringify([modelId, prompt.system, prompt.turns, prompt.temperature, prompt.topP]),
    );
    const lastUser = [...prompt.turns].reverse().find((turn) => turn.role === 'user');
    draft = fillerText(
      seed,
      MIN_NATURAL_TOKENS + (seed % NATURAL_TOKEN_SPREAD),
      topicWords(lastUser?.text ?? ''),
    );
  }

  const stop = findStopSequence(draft, prompt.stopSequences);
  let text = stop === undefined ? draft : draft.slice(0, stop.index);
  let stopReason: StopReason = stop === undefined ? 'end_turn' : 'stop_sequence';
  const tokens = tokenize(text);
  if (tokens.length > prompt.maxTokens) {
    text = tokens.slice(0, prompt.maxTokens).join('');
    stopReason = 'max_tokens';
  }

  return {
    text,
    deltas: splitIntoDeltas(text),
    inputTokens: countPromptTokens(prompt),
    outputTokens: countTokens(text),
    stopReason,
    stopSequence: stopReason === 'stop_sequence' ? (stop?.sequence ?? null) : null,
    citations: citations.filter((citation) => citation.end <= text.length),
    passages: grounding?.passages ?? [],
  };
}

/** Input tokens: every piece of prompt text the model reads, counted with the same tokenizer. */
export function countPromptTokens(prompt: CanonicalPrompt): number {
  const texts = [prompt.system, ...prompt.turns.map((turn) => turn.text)];
  for (const document of prompt.documents) texts.push(document.title ?? '', document.text);
  return texts.reduce((sum, text) => sum + countTokens(text), 0);
}

import { createRandom } from './hash';
import { countTokens } from './tokenizer';

// A neutral vocabulary: the text only has to look like prose and be stable, not to mean anything.
const WORDS = [
  'the system request answer model response data service value result process local simple clear',
  'useful stable quick careful each every many some this that it returns describes explains',
  'supports uses keeps shows builds checks reads writes with from into about for and but also',
  'often usually here there context example detail question point step part record number text',
  'case way',
]
  .join(' ')
  .split(' ');

const MIN_SENTENCE_WORDS = 5;
const MAX_SENTENCE_WORDS = 14;

/**
 * Deterministic prose of at least `minTokens` tokens, made of whole sentences (so it ends naturally).
 * `topic` words from the question are woven into the first sentence, so answers differ per question.
 */
export function fillerText(seed: number, minTokens: number, topic: string[]): string {
  const random = createRandom(seed);
  const pick = (): string => WORDS[Math.floor(random() * WORDS.length)] ?? 'the';
  const sentences: string[] = [];
  let tokens = 0;
  while (tokens < minTokens) {
    const length = MIN_SENTENCE_WORDS + Math.floor(random() * (MAX_SENTENCE_WORDS - MIN_SENTENCE_WORDS + 1));
    const words = Array.from({ length }, pick);
    if (sentences.length === 0 && topic.length > 0) words.splice(2, 0, 'about', ...topic);
    if (length > 9 && random() < 0.5) words[Math.floor(length / 2)] += ',';
    const first = words[0] ?? 'the';
    const sentence = `${first.charAt(0).toUpperCase()}${first.slice(1)} ${words.slice(1).join(' ')}.`;
    sentences.push(sentence);
    tokens += countTokens(sentence);
  }
  return sentences.join(' ');
}

/** Up to three longer words of the question, in order, used to make the filler text topical. */
export function topicWords(question: string): string[] {
  const words = question.match(/[\p{L}\p{N}]{5,}/gu) ?? [];
  return [...new Set(words.map((word) => word.toLowerCase()))].slice(0, 3);
}

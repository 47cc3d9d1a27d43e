import MiniSearch from 'minisearch';
import { EXPANDED_QUERY_TERMS } from '../knowledge-bases/knowledge-base-index';
import {
  distinctTermTokens,
  processTerm,
  splitSentences,
  countWords,
} from '../knowledge-bases/text-analysis';
import { findStopSequence } from './stop-sequences';

/**
 * A span of the answer text and the passages it was taken from.
 * `start`/`end` are character offsets into the answer text, `end` **exclusive** (`text.slice(start, end)`).
 * RetrieveAndGenerate renders `end - 1` on the wire, since the service's `span.end` is inclusive
 * (shared/docs/bedrock-wire.md §5.2).
 */
export interface ExtractiveCitation {
  start: number;
  end: number;
  /** Indexes into the `passages` argument, ascending. */
  passageIndexes: number[];
}

export interface ExtractiveAnswer {
  text: string;
  citations: ExtractiveCitation[];
}

export const NO_ANSWER_TEXT = 'The provided context does not contain an answer to this question.';

/** `maxTokens` is turned into a character budget at about four characters per token. */
export const CHARS_PER_TOKEN = 4;
const MAX_SENTENCES = 3;
/**
 * A second or third sentence is kept when it scores at least FOLLOW_UP_RATIO of the best one and comes from a
 * passage the best sentence came from, or at least OTHER_PASSAGE_RATIO when it comes from another passage.
 */
const FOLLOW_UP_RATIO = 0.5;
const OTHER_PASSAGE_RATIO = 0.8;
/**
 * A sentence must match this many distinct question terms to count as an answer: 2 when the question has 3 or
 * more content terms (one shared word such as "cup" is not an answer to a question about the world cup), else 1.
 */
const minMatchedTerms = (questionTerms: number): number => (questionTerms >= 3 ? 2 : 1);
/** Headings and fragments shorter than this are context, not answers. */
const MIN_ANSWER_WORDS = 3;
/**
 * Longer question words are matched exactly or as prefixes, never fuzzily: MiniSearch's edit-distance
 * matrix grows with the square of the word's length (a 60,000-character word asked for ~4 GB), and a
 * typo-tolerant match means nothing for a word no language has.
 */
const MAX_FUZZY_TERM = 32;

interface Candidate {
  id: number;
  text: string;
  passageIndexes: number[];
}

/**
 * Answers `question` with the 1–3 sentences of `passages` that MiniSearch's BM25 ranks highest against it,
 * in reading order (passage order, then position in the passage), with citations to their passages.
 * Deterministic: ties break on reading order. Without any matching sentence it says so, uncited.
 */
export function extractiveAnswer(
  question: string,
  passages: { text: string }[],
  maxTokens?: number,
): ExtractiveAnswer {
  const budget =
    maxTokens === undefined ? Number.POSITIVE_INFINITY : Math.max(0, maxTokens) * CHARS_PER_TOKEN;
  const candidates = collectCandidates(passages);
  const chosen = rankSentences(question, candidates);
  if (chosen.length === 0) return { text: fitToBudget(NO_ANSWER_TEXT, budget), citations: [] };

  let text = '';
  const citations: ExtractiveCitation[] = [];
  for (const candidate of chosen) {
    const separator = text.length > 0 ? ' ' : '';
    const room = budget - text.length - separator.length;
    const sentence =
      candidate.text.length <= room
        ? candidate.text
        : text.length === 0
          ? fitToBudget(candidate.text, room)
          : '';
    if (sentence.length === 0) break;
    const start = text.length + separator.length;
    text += separator + sentence;
    citations.push({ start, end: text.length, passageIndexes: candidate.passageIndexes });
  }
  return { text, citations };
}

/** Every answer-worthy sentence once, in reading order; a sentence repeated across passages cites them all. */
function collectCandidates(passages: { text: string }[]): Candidate[] {
  const byText = new Map<string, Candidate>();
  passages.forEach((passage, passageIndex) => {
    for (const sentence of splitSentences(passage.text)) {
      if (sentence.heading || countWords(sentence.text) < MIN_ANSWER_WORDS) continue;
      const existing = byText.get(sentence.text);
      if (existing === undefined) {
        byText.set(sentence.text, { id: byText.size, text: sentence.text, passageIndexes: [passageIndex] });
      } else if (!existing.passageIndexes.includes(passageIndex)) {
        existing.passageIndexes.push(passageIndex);
      }
    }
  });
  return [...byText.values()];
}

/** The best sentence and up to two close runners-up (see FOLLOW_UP_RATIO), returned in reading order. */
function rankSentences(question: string, candidates: Candidate[]): Candidate[] {
  if (candidates.length === 0) return [];
  const index = new MiniSearch<Candidate>({ fields: ['text'], processTerm });
  index.addAll(candidates);
  // The question's first distinct terms only: MiniSearch runs one term query per token, and a 15,000-word
  // question held the event loop (the gateway's too, with the emulator in-process) for a second.
  const terms = distinctTermTokens(question).slice(0, EXPANDED_QUERY_TERMS);
  const hits = index
    .search(terms.join(' '), {
      fuzzy: (term) => (term.length >= 5 && term.length <= MAX_FUZZY_TERM ? 0.2 : false),
      prefix: (term) => term.length >= 4,
      weights: { fuzzy: 0.3, prefix: 0.3 },
    })
    .filter((hit) => hit.queryTerms.length >= minMatchedTerms(terms.length))
    .sort((a, b) => b.score - a.score || Number(a.id) - Number(b.id));
  const best = hits[0];
  if (best === undefined) return [];
  const bestPassages = candidates[Number(best.id)]?.passageIndexes ?? [];
  return hits
    .map((hit) => ({ score: hit.score, candidate: candidates[Number(hit.id)] }))
    .filter((hit): hit is { score: number; candidate: Candidate } => hit.candidate !== undefined)
    .filter(({ score, candidate }) => {
      const samePassage = candidate.passageIndexes.some((index) => bestPassages.includes(index));
      return score >= best.score * (samePassage ? FOLLOW_UP_RATIO : OTHER_PASSAGE_RATIO);
    })
    .slice(0, MAX_SENTENCES)
    .map(({ candidate }) => candidate)
    .sort((a, b) => a.id - b.id);
}

/** Cuts `text` to at most `budget` characters at a word boundary (a single over-long word is cut mid-word). */
function fitToBudget(text: string, budget: number): string {
  if (text.length <= budget) return text;
  const cut = text.slice(0, Math.max(0, budget));
  const lastSpace = cut.lastIndexOf(' ');
  return (lastSpace > 0 ? cut.slice(0, lastSpace) : cut).trimEnd();
}

/**
 * The answer up to the first of `stopSequences` it contains (the sequence left out, as models do), with
 * its citations cut to what is left.
 */
export function endAtStopSequence(
  answer: ExtractiveAnswer,
  stopSequences: readonly string[],
): ExtractiveAnswer {
  const stop = findStopSequence(answer.text, stopSequences);
  if (stop === undefined) return answer;
  const end = stop.index;
  return {
    text: answer.text.slice(0, end),
    citations: answer.citations
      .filter((citation) => citation.start < end)
      .map((citation) => ({ ...citation, end: Math.min(citation.end, end) })),
  };
}

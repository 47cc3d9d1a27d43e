/**
 * Text analysis shared by the knowledge-base index and the extractive answerer: sentence splitting with
 * offsets into the original text, and MiniSearch's term processing (lower case, stop words, plurals).
 * Ranking itself is MiniSearch's BM25; nothing here scores anything.
 */
import MiniSearch from 'minisearch';

/** A sentence (or list item / heading) of a text, with its offsets in the original string. */
export interface SentenceSpan {
  /** The sentence with markdown markers (`#`, `-`, `1.`, `>`, `**`) removed and spaces collapsed. */
  text: string;
  /** Offset of the sentence's first character in the original text. */
  start: number;
  /** Offset just past the sentence's last character (exclusive). */
  end: number;
  /** True for a markdown heading line. */
  heading: boolean;
}

const STOP_WORDS = new Set(
  (
    'a an and are as at be been being but by can could did do does doing for from had has have having how i if in ' +
    'into is it its me my no not of on or our ours should so than that the their them then there these they this ' +
    'those to too was we were what when where which who whom why will with would you your yours am any all also ' +
    'about after before up down out over under again more most other some such only own same just very s t'
  ).split(' '),
);

/**
 * MiniSearch `processTerm`: lower-cases, drops stop words and one-character terms, and folds English plurals
 * (`policies` → `policy`, `expenses` → `expense`) so that a question and a document meet on the same term.
 */
export function processTerm(term: string): string | null {
  const lower = term.toLowerCase().replace(/['’]s$/, '');
  if (lower.length < 2 || STOP_WORDS.has(lower)) return null;
  return foldPlural(lower);
}

/**
 * The text's tokens (MiniSearch's tokenizer), one for each distinct term (`processTerm`), in order of
 * first use: a question of 15,000 words repeating two is a query of two terms.
 */
export function distinctTermTokens(text: string): string[] {
  const tokenize = MiniSearch.getDefault('tokenize') as (text: string) => string[];
  const seen = new Set<string>();
  const tokens: string[] = [];
  for (const token of tokenize(text)) {
    const term = processTerm(token);
    if (term === null || seen.has(term)) continue;
    seen.add(term);
    tokens.push(token);
  }
  return tokens;
}

function foldPlural(term: string): string {
  if (term.length <= 3 || /\d/.test(term)) return term;
  if (term.endsWith('ies') && term.length > 4) return `${term.slice(0, -3)}y`;
  if (term.endsWith('sses')) return term.slice(0, -2);
  if (term.endsWith('s') && !/(ss|us|is|ys)$/.test(term)) return term.slice(0, -1);
  return term;
}

const LINE_MARKER = /^(\s*(?:#{1,6}\s+|[-*+]\s+(?:\[[ xX]\]\s+)?|\d+[.)]\s+|>\s*)?)/;
/** A sentence ends at `.`, `!` or `?` (optionally closed by a quote/bracket) followed by space and a capital/digit. */
const SENTENCE_END = /[.!?]["')\]]?\s+(?=["'([]?[A-Z0-9])/g;

/** Splits text (plain or markdown) into sentences; each line (heading, list item, paragraph line) is split apart. */
export function splitSentences(text: string): SentenceSpan[] {
  const sentences: SentenceSpan[] = [];
  let lineStart = 0;
  for (const line of text.split('\n')) {
    const marker = LINE_MARKER.exec(line)?.[1] ?? '';
    const heading = /^\s*#{1,6}\s/.test(line);
    splitLine(line, lineStart, marker.length, heading, sentences);
    lineStart += line.length + 1;
  }
  return sentences;
}

function splitLine(
  line: string,
  lineStart: number,
  from: number,
  heading: boolean,
  out: SentenceSpan[],
): void {
  let start = from;
  const push = (end: number): void => {
    const raw = line.slice(start, end);
    const text = raw
      .replace(/\*\*|__|`/g, '')
      .replace(/\s+/g, ' ')
      .trim();
    if (text.length > 0) {
      const lead = raw.length - raw.trimStart().length;
      const trail = raw.length - raw.trimEnd().length;
      out.push({ text, start: lineStart + start + lead, end: lineStart + end - trail, heading });
    }
  };
  for (const match of line.matchAll(SENTENCE_END)) {
    const end = match.index + match[0].trimEnd().length;
    if (end <= start) continue;
    push(end);
    start = match.index + match[0].length;
  }
  push(line.length);
}

/** Number of whitespace-separated words. */
export function countWords(text: string): number {
  const trimmed = text.trim();
  return trimmed.length === 0 ? 0 : trimmed.split(/\s+/).length;
}

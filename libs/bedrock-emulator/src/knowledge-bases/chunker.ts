import { createHash } from 'node:crypto';
import { countWords, splitSentences } from './text-analysis';
import type {
  KnowledgeBaseChunk,
  KnowledgeBaseDefinition,
  KnowledgeBaseDocument,
} from './knowledge-base.model';

export interface ChunkingOptions {
  /** Upper bound of words per chunk (a single longer sentence is split at word boundaries). */
  maxWords: number;
  /** A heading starts a new chunk once the current one has at least this many words. */
  minWordsBeforeHeading: number;
}

/** About 300 words per chunk, Bedrock's default fixed-size chunking being 300 tokens. */
export const DEFAULT_CHUNKING: ChunkingOptions = { maxWords: 300, minWordsBeforeHeading: 80 };

interface Piece {
  start: number;
  end: number;
  words: number;
  heading: boolean;
}

/**
 * Cuts a document into chunks that end on sentence boundaries. Each chunk's text is a verbatim slice of the
 * document (markdown kept), so a Retrieve result shows the source as written.
 */
export function chunkDocument(
  definition: KnowledgeBaseDefinition,
  document: KnowledgeBaseDocument,
  firstOrdinal: number,
  options: ChunkingOptions = DEFAULT_CHUNKING,
): KnowledgeBaseChunk[] {
  const groups: Piece[][] = [];
  let current: Piece[] = [];
  let words = 0;
  for (const piece of pieces(document.text, options.maxWords)) {
    const full = words + piece.words > options.maxWords;
    const sectionBreak = piece.heading && words >= options.minWordsBeforeHeading;
    if (current.length > 0 && (full || sectionBreak)) {
      groups.push(current);
      current = [];
      words = 0;
    }
    current.push(piece);
    words += piece.words;
  }
  if (current.length > 0) groups.push(current);

  const sourceUri = `s3://${definition.bucket}/${document.path}`;
  return groups.map((group, i) => ({
    ordinal: firstOrdinal + i,
    chunkId: chunkId(definition.id, document.path, i),
    sourceUri,
    title: document.title,
    text: document.text.slice(
      lineStartIfOnlyMarkers(document.text, group[0]!.start),
      group[group.length - 1]!.end,
    ),
    metadata: document.metadata,
  }));
}

/** Sentences, with any sentence longer than `maxWords` split into word runs of at most `maxWords`. */
function pieces(text: string, maxWords: number): Piece[] {
  const result: Piece[] = [];
  for (const sentence of splitSentences(text)) {
    const words = countWords(sentence.text);
    if (words <= maxWords) {
      result.push({ start: sentence.start, end: sentence.end, words, heading: sentence.heading });
      continue;
    }
    const wordPattern = /\S+/g;
    wordPattern.lastIndex = sentence.start;
    let runStart = sentence.start;
    let runWords = 0;
    let runEnd = sentence.start;
    for (
      let match = wordPattern.exec(text);
      match && match.index < sentence.end;
      match = wordPattern.exec(text)
    ) {
      if (runWords === maxWords) {
        result.push({ start: runStart, end: runEnd, words: runWords, heading: false });
        runStart = match.index;
        runWords = 0;
      }
      runWords += 1;
      runEnd = Math.min(match.index + match[0].length, sentence.end);
    }
    result.push({ start: runStart, end: runEnd, words: runWords, heading: false });
  }
  return result;
}

/** Moves a chunk's start back over a markdown line marker (`## `, `- `, `1. `) so the chunk shows it. */
function lineStartIfOnlyMarkers(text: string, start: number): number {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  return /^[\s#>*+\-\d.)]*$/.test(text.slice(lineStart, start)) ? lineStart : start;
}

/** Deterministic chunk id in the service's `1%3A0%3A<id>` form (URL-encoded `1:0:<id>`). */
export function chunkId(knowledgeBaseId: string, path: string, index: number): string {
  const digest = createHash('sha256').update(`${knowledgeBaseId}/${path}#${index}`).digest('base64url');
  return `1%3A0%3A${digest.slice(0, 20)}`;
}

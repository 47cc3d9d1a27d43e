import MiniSearch, { type SearchOptions } from 'minisearch';
import { chunkDocument, type ChunkingOptions, DEFAULT_CHUNKING } from './chunker';
import type { KnowledgeBaseChunk, LoadedKnowledgeBase } from './knowledge-base.model';
import { matchesFilter, type RetrievalFilter } from './metadata-filter';
import { distinctTermTokens, processTerm } from './text-analysis';

export type SearchType = 'HYBRID' | 'SEMANTIC';

export interface ScoredChunk {
  chunk: KnowledgeBaseChunk;
  /** In (0, 1): see `normaliseScore`. */
  score: number;
}

/**
 * Only a query's first terms get fuzzy and prefix matches: a 20,000-character SEMANTIC query expanded
 * ~1,800 terms and held the event loop (the gateway's too, with the emulator in-process) for seconds.
 */
export const EXPANDED_QUERY_TERMS = 64;

/**
 * Longer terms are never matched fuzzily: MiniSearch's edit-distance matrix grows with the square of the
 * term's length (a one-word query of 60,000 characters asked for ~3.6 GB).
 */
export const MAX_FUZZY_TERM = 32;

function firstTerms<T>(rule: (term: string) => T): (term: string, index: number) => T | false {
  return (term, index) => (index < EXPANDED_QUERY_TERMS ? rule(term) : false);
}

function fuzzyFor(rule: (term: string) => number | false): (term: string, index: number) => number | false {
  return firstTerms((term) => (term.length <= MAX_FUZZY_TERM ? rule(term) : false));
}

/**
 * How the two search types differ (both are MiniSearch BM25; there are no embeddings in bedrock-local):
 * - HYBRID (the default): exact terms at full weight, plus typo-tolerant matches (one edit) of terms of 5+
 *   letters at a low weight: lexical precision first, like keyword + vector search.
 * - SEMANTIC: looser, for paraphrases: fuzzy matches (one edit from 4 letters, two from 8) and prefix matches
 *   (`deploy` finds `deployment`) weighted almost like exact ones, so word forms and near-spellings count.
 * Edit distances are capped because fuzzy expansion dominates latency on large vocabularies (bench/retrieve.bench.ts).
 */
const SEARCH_OPTIONS: Record<SearchType, SearchOptions> = {
  HYBRID: {
    fuzzy: fuzzyFor((term) => (term.length >= 5 ? 1 : false)),
    prefix: false,
    weights: { fuzzy: 0.3, prefix: 0 },
  },
  SEMANTIC: {
    fuzzy: fuzzyFor((term) => (term.length >= 8 ? 2 : term.length >= 4 ? 1 : false)),
    prefix: firstTerms((term) => term.length >= 4),
    weights: { fuzzy: 0.7, prefix: 0.8 },
  },
};

/** Document titles weigh more than body text. */
const FIELD_BOOST = { title: 1.5, text: 1 };

/**
 * Half-saturation constant of the score normalisation, in units of the knowledge base's largest IDF (see
 * `rarestTermIdf`): a query whose every term matches with BM25 ≈ this (a moderately rare term appearing once or
 * twice in the chunk) scores 0.5. 0.95 keeps the sample knowledge base (99 chunks) on the scale RAG_MIN_SCORE
 * was measured on, where the constant was 4 in raw BM25 (4 / ln(1 + 98.5 / 1.5) = 0.95).
 */
export const SCORE_HALF_POINT = 0.95;

/** One knowledge base's chunks and their MiniSearch index. Immutable once built. */
export class KnowledgeBaseIndex {
  readonly chunks: readonly KnowledgeBaseChunk[];
  private readonly search: MiniSearch<KnowledgeBaseChunk>;

  constructor(
    readonly source: LoadedKnowledgeBase,
    chunking: ChunkingOptions = DEFAULT_CHUNKING,
  ) {
    const chunks: KnowledgeBaseChunk[] = [];
    for (const document of source.documents) {
      chunks.push(...chunkDocument(source.definition, document, chunks.length, chunking));
    }
    this.chunks = chunks;
    this.search = new MiniSearch<KnowledgeBaseChunk>({
      idField: 'ordinal',
      fields: ['title', 'text'],
      processTerm,
      searchOptions: { boost: FIELD_BOOST, combineWith: 'OR' },
    });
    this.search.addAll(chunks);
  }

  get id(): string {
    return this.source.definition.id;
  }

  /** Every chunk matching the query and the filter, best first; ties keep the knowledge base's chunk order. */
  query(text: string, searchType: SearchType, filter?: RetrievalFilter): ScoredChunk[] {
    const queryTerms = distinctTermTokens(text).length;
    if (queryTerms === 0) return [];
    const passes = filter
      ? (ordinal: number): boolean => matchesFilter(filter, this.chunks[ordinal]!.metadata)
      : (): boolean => true;
    return this.search
      .search(text, { ...SEARCH_OPTIONS[searchType], filter: (result) => passes(Number(result.id)) })
      .sort((a, b) => b.score - a.score || Number(a.id) - Number(b.id))
      .map((result) => ({
        chunk: this.chunks[Number(result.id)]!,
        score: normaliseScore(result.score, queryTerms, this.chunks.length),
      }));
  }
}

/**
 * Maps MiniSearch's raw score into (0, 1), monotone for a given query, so order is preserved and the best hit
 * scores by how well it matches rather than always 1. MiniSearch scores a hit as (sum of the matched terms'
 * weighted BM25) × (number of query terms matched), so dividing by (query terms)² gives the mean per-term
 * BM25 scaled by the share of the query matched. BM25's IDF grows with the knowledge base's size, so that mean
 * is divided by the largest IDF the knowledge base can give: a term found in one chunk weighs the same in a
 * knowledge base of 1 chunk (IDF 0.29) as in one of 1,000 (IDF 6.5), as a vector similarity would (Bedrock's
 * scores do not depend on how many documents a knowledge base holds). `x / (x + SCORE_HALF_POINT)` then
 * saturates it below 1.
 */
export function normaliseScore(raw: number, queryTerms: number, chunks: number): number {
  const perTerm = raw / (Math.max(1, queryTerms) ** 2 * rarestTermIdf(chunks));
  return perTerm / (perTerm + SCORE_HALF_POINT);
}

/** MiniSearch's IDF for a term found in 1 of `chunks` chunks, ln(1 + (N − n + 0.5) / (n + 0.5)) with n = 1. */
export function rarestTermIdf(chunks: number): number {
  return Math.log(1 + (Math.max(1, chunks) - 0.5) / 1.5);
}

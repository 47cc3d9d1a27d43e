import type { RetrievedPassage } from '../retrieval/retrieved-passage';

/** A passage whose score is known. */
export type ScoredPassage = RetrievedPassage & { score: number };

/**
 * Keeps the passages scoring at least `minScore`, best first. The sort is stable, so equal scores keep
 * Bedrock's order.
 */
export function selectPassages(passages: readonly RetrievedPassage[], minScore: number): ScoredPassage[] {
  return passages
    .filter((passage): passage is ScoredPassage => passage.score !== null && passage.score >= minScore)
    .sort((a, b) => b.score - a.score);
}

import { createRandom, seedOf } from './hash';
import { tokenize } from './tokenizer';

/** One streamed piece of the answer and how many tokens it holds. */
export interface DeltaPiece {
  text: string;
  tokenCount: number;
}

/**
 * Splits text into stream deltas of 1..3 tokens (sizes drawn from a hash of the text, so they are
 * stable). The pieces concatenate to the text exactly.
 */
export function splitIntoDeltas(text: string): DeltaPiece[] {
  const tokens = tokenize(text);
  const random = createRandom(seedOf(text));
  const pieces: DeltaPiece[] = [];
  for (let start = 0; start < tokens.length;) {
    const size = Math.min(1 + Math.floor(random() * 3), tokens.length - start);
    pieces.push({ text: tokens.slice(start, start + size).join(''), tokenCount: size });
    start += size;
  }
  return pieces;
}

/** Merges consecutive pieces into larger ones of up to `maxTokens` tokens (Titan streams few, big chunks). */
export function mergeDeltas(pieces: readonly DeltaPiece[], maxTokens: number): DeltaPiece[] {
  const merged: DeltaPiece[] = [];
  for (const piece of pieces) {
    const last = merged[merged.length - 1];
    if (last !== undefined && last.tokenCount + piece.tokenCount <= maxTokens) {
      last.text += piece.text;
      last.tokenCount += piece.tokenCount;
    } else {
      merged.push({ ...piece });
    }
  }
  return merged;
}

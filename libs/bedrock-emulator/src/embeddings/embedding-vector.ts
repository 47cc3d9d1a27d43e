import { createRandom, seedOf } from '../generation/hash';
import { tokenize } from '../generation/tokenizer';

/**
 * A deterministic embedding: the sum of one pseudo-random vector per word (seeded by the word), so that
 * texts sharing words point in similar directions, which keeps local semantic search meaningful.
 * Not normalised; see `normalize`.
 */
export function hashedVector(text: string, dimensions: number): number[] {
  const words = tokenize(text.toLowerCase())
    .map((token) => token.trim())
    .filter((word) => word !== '');
  const vector = new Array<number>(dimensions).fill(0);
  for (const word of words.length > 0 ? words : [text]) {
    const random = createRandom(seedOf(`word:${word}`));
    for (let i = 0; i < dimensions; i++) vector[i] = (vector[i] ?? 0) + (random() * 2 - 1);
  }
  return vector;
}

/** The unit vector in the same direction, rounded to 9 decimals (JSON bodies stay compact). */
export function normalize(vector: readonly number[]): number[] {
  const length = Math.hypot(...vector) || 1;
  return vector.map((value) => Number((value / length).toFixed(9)));
}

/** Signed 8-bit quantisation, scaled by the largest magnitude. */
export function toInt8(vector: readonly number[]): number[] {
  const scale = 127 / (Math.max(...vector.map(Math.abs)) || 1);
  return vector.map((value) => Math.max(-128, Math.min(127, Math.round(value * scale))));
}

/** Unsigned 8-bit quantisation, scaled by the largest magnitude. */
export function toUint8(vector: readonly number[]): number[] {
  return toInt8(vector).map((value) => value + 128);
}

/** One bit per dimension (1 when positive), packed eight to a byte, most significant bit first. */
export function toPackedBits(vector: readonly number[]): number[] {
  const bytes: number[] = [];
  for (let i = 0; i < vector.length; i += 8) {
    let byte = 0;
    for (let bit = 0; bit < 8; bit++) byte = (byte << 1) | ((vector[i + bit] ?? 0) > 0 ? 1 : 0);
    bytes.push(byte);
  }
  return bytes;
}

/**
 * A deterministic, roughly word-and-punctuation level tokenizer. It is not any model's real tokenizer;
 * it only has to be stable, so that the token counts in bodies, headers and stream metrics always agree.
 *
 * Every token keeps its leading whitespace, so the tokens of a text concatenate back to the text, and
 * any prefix of the tokens re-tokenizes to the same tokens (which keeps running stream counts exact).
 */
const TOKEN_PATTERN = /\s*(?:[\p{L}\p{N}_]+|[^\s\p{L}\p{N}_])|\s+/gu;

export function tokenize(text: string): string[] {
  return text.match(TOKEN_PATTERN) ?? [];
}

export function countTokens(text: string): number {
  return tokenize(text).length;
}

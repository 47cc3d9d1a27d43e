/**
 * A conservative pre-call token estimate for budget and rate checks, before the model's tokenizer has
 * spoken: about four characters per input token (English prose with Claude/Llama tokenizers runs 3.5–4.5),
 * plus the `max_tokens` the call may produce. `settle` later replaces it with the real counts.
 */
export function estimateTokens(inputTexts: readonly string[], maxOutputTokens: number): number {
  const characters = inputTexts.reduce((total, text) => total + text.length, 0);
  return Math.ceil(characters / 4) + Math.max(0, Math.ceil(maxOutputTokens));
}

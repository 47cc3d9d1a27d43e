import type { ResolvedModel } from './resolved-model';

/** Token counts of one call; null or undefined when Bedrock did not report the count. */
export interface TokenUsage {
  inputTokens: number | null | undefined;
  outputTokens: number | null | undefined;
}

/**
 * Costs are rounded to 9 decimal places (a billionth of a dollar): that removes float noise such as
 * 0.0033000000000000004 while keeping the price of a single token exact (the cheapest catalog price,
 * $0.02 per 1M tokens, is $0.00000002 a token).
 */
const COST_DECIMALS = 1e9;

/** `usd` rounded to a billionth of a dollar (sums of costs too: reports show 0.3, not 0.30000000000000004). */
export function roundUsd(usd: number): number {
  return Math.round(usd * COST_DECIMALS) / COST_DECIMALS;
}

/**
 * Estimated USD cost of a call from the catalog's on-demand prices (shared/docs/API.md `estimated_cost`).
 * Null, never 0, when the model has no price, a token count is unknown or invalid, or output tokens
 * were produced by a model with no output price. The catalog's `regionalMultiplier` (Claude 4.5
 * generation: 1.1, bedrock-wire.md §8.2) applies unless the call went through a `global.` profile.
 */
export function estimateCost(model: ResolvedModel, usage: TokenUsage): number | null {
  const pricing = model.catalog?.pricing;
  const { inputTokens, outputTokens } = usage;
  if (pricing === undefined || pricing === null) return null;
  if (!isTokenCount(inputTokens) || !isTokenCount(outputTokens)) return null;
  if (outputTokens > 0 && pricing.outputPer1M === null) return null;
  const multiplier = model.viaProfile === 'global' ? 1 : (pricing.regionalMultiplier ?? 1);
  const perMillion = inputTokens * pricing.inputPer1M + outputTokens * (pricing.outputPer1M ?? 0);
  return roundUsd((perMillion * multiplier) / 1_000_000);
}

/** Worst-case cost of a call that may produce up to `maxTokens`, for budget pre-checks. */
export function estimateMaxCost(model: ResolvedModel, inputTokens: number, maxTokens: number): number | null {
  return estimateCost(model, { inputTokens, outputTokens: maxTokens });
}

function isTokenCount(value: number | null | undefined): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

/** Route metadata: the route calls a model and goes through the model policy chain. */
export const GOVERNED_ROUTE = 'gateway:governance:model-route';

/**
 * Keys the gateway writes into a usage record's `metadata` (the caller's own entries are kept; these
 * two names are reserved and overwritten). Values are reasons and budget names, never input text.
 */
export const USAGE_METADATA = {
  /** Why a request was refused: `missing_key`, `model_not_allowed`, `daily_usd`, `pii`, … */
  denialReason: 'gateway.denial_reason',
  /** Budgets passed in `warn` mode, comma-separated: `daily_usd,daily_tokens`. */
  budgetBreach: 'gateway.budget_breach',
} as const;

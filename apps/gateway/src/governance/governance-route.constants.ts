/** Route metadata: the route calls a model and goes through the model policy chain. */
export const GOVERNED_ROUTE = 'gateway:governance:model-route';

/** Metadata keys with this prefix are the gateway's: a caller's `metadata` may not use them (400). */
export const RESERVED_METADATA_PREFIX = 'gateway.';

/** At most this many entries in a caller's `metadata` (API.md). */
export const MAX_METADATA_KEYS = 16;

/**
 * Keys the gateway writes into a usage record's `metadata` beside the caller's own entries. Values are
 * reasons and budget names, never input text.
 */
export const USAGE_METADATA = {
  /** Why a request was refused: `missing_key`, `model_not_allowed`, `daily_usd`, `pii`, … */
  denialReason: 'gateway.denial_reason',
  /** Budgets passed in `warn` mode, comma-separated: `daily_usd,daily_tokens`. */
  budgetBreach: 'gateway.budget_breach',
  /** `estimated` when Bedrock reported no input count (a Mistral or Cohere stream cut short). */
  inputTokens: 'gateway.input_tokens',
} as const;

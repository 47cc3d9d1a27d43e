import type { CatalogModel } from '@app/bedrock';
import type { LiveLifecycle } from './model-availability.service';

/** A catalog price in the API's terms (API.md, GET /bedrock/models). */
export interface PricingView {
  input_per_1m: number;
  /** null for embedding models, which have no output tokens. */
  output_per_1m: number | null;
  currency: 'USD';
  /** Month the price was read, YYYY-MM. */
  as_of: string;
  source: string;
  /**
   * Present when calls not made through a `global.` profile (a geographic profile, or in-region) cost
   * this many times the prices above: Claude 4.5's 1.1. `estimated_cost` applies it.
   */
  regional_multiplier?: number;
}

/** One model as `GET /bedrock/models` and `GET /bedrock/models/:model` show it. */
export interface ModelView {
  alias: string;
  model_id: string;
  family: string;
  provider: string;
  pricing: PricingView | null;
  max_output_tokens: number;
  context_window: number;
  streaming: boolean;
  inference_profile_required: boolean;
  use_cases: string[];
  /** Bedrock's own lifecycle when the region's list is known, else the catalog's. */
  status: 'active' | 'legacy';
  /** ISO-8601 end of life Bedrock announces for a Legacy model; absent when none is known. */
  end_of_life?: string;
  /** Whether the configured region lists the model; absent while live availability is unknown. */
  available?: boolean;
}

/**
 * Catalog model → API shape (snake_case); `available` only when availability is known, and the status
 * from the region's list when it has the model (AWS marks a model Legacy months before its end of life,
 * which the catalog file would learn only when someone edits it).
 */
export function toModelView(
  model: CatalogModel,
  available: boolean | undefined,
  lifecycle?: LiveLifecycle,
): ModelView {
  const view: ModelView = {
    alias: model.alias,
    model_id: model.modelId,
    family: model.family,
    provider: model.provider,
    pricing: model.pricing && {
      input_per_1m: model.pricing.inputPer1M,
      output_per_1m: model.pricing.outputPer1M,
      currency: model.pricing.currency,
      as_of: model.pricing.asOf,
      source: model.pricing.source,
      ...(model.pricing.regionalMultiplier === undefined
        ? {}
        : { regional_multiplier: model.pricing.regionalMultiplier }),
    },
    max_output_tokens: model.maxOutputTokens,
    context_window: model.contextWindow,
    streaming: model.streaming,
    inference_profile_required: model.inferenceProfile.required,
    use_cases: [...model.useCases],
    status: (lifecycle ? lifecycle.legacy : model.lifecycle !== 'ACTIVE') ? 'legacy' : 'active',
  };
  if (lifecycle?.endOfLife) view.end_of_life = lifecycle.endOfLife;
  if (available !== undefined) view.available = available;
  return view;
}

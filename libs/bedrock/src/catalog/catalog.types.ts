/**
 * Types of the model catalog (`models.json`), the single source of model facts shared by the
 * gateway (pricing, limits, aliases) and the bedrock-local emulator (ListFoundationModels, native schemas).
 */

/** Model families the gateway has a strategy for. */
export type ModelFamily = 'anthropic' | 'titan' | 'llama' | 'mistral' | 'cohere';

/**
 * The native InvokeModel body format a model speaks. A family can have several
 * (Mistral: text completion and the Large 2407 chat form).
 * See shared/docs/bedrock-wire.md §7.
 */
export type NativeSchema =
  | 'anthropic-messages'
  | 'titan-text'
  | 'llama3'
  | 'mistral-completion'
  | 'mistral-chat'
  | 'cohere-command-r'
  | 'titan-embed-v2'
  | 'cohere-embed-v3';

export type ModelKind = 'text' | 'embedding';
export type LifecycleStatus = 'ACTIVE' | 'LEGACY';
export type Modality = 'TEXT' | 'IMAGE' | 'EMBEDDING';

export interface ModelPricing {
  /** USD per 1M input tokens. */
  inputPer1M: number;
  /** USD per 1M output tokens; null for embedding models (no output tokens). */
  outputPer1M: number | null;
  currency: 'USD';
  /** Month the price was read, YYYY-MM. */
  asOf: string;
  /** Where the price comes from. */
  source: string;
  /**
   * Multiplier applied when the call goes through a geographic (regional) inference profile or in-region,
   * rather than a `global.` profile. Claude 4.5 generation: 1.1 (10% premium). Absent means 1.
   */
  regionalMultiplier?: number;
}

export interface InferenceProfileSupport {
  /** True when on-demand calls must go through an inference profile (a bare id gives a ValidationException). */
  required: boolean;
  /** Geography prefixes for which a system-defined profile exists (`us`, `eu`, `apac`, `global`, ...). */
  geographies: string[];
}

export interface CatalogModel {
  /** Short name callers use, e.g. `claude-3-5-sonnet`. Unique. */
  alias: string;
  /** Bedrock foundation-model id, e.g. `anthropic.claude-3-5-sonnet-20240620-v1:0`. Unique. */
  modelId: string;
  /** Display name (ListFoundationModels `modelName`). */
  name: string;
  family: ModelFamily;
  /** ListFoundationModels `providerName`. */
  provider: string;
  schema: NativeSchema;
  kind: ModelKind;
  pricing: ModelPricing | null;
  /** Largest `max_tokens` the model accepts; 0 for embeddings. */
  maxOutputTokens: number;
  /** Default output budget when the caller sends none (the gateway's, sent to Bedrock explicitly). */
  defaultMaxTokens: number;
  /**
   * The model's own default when a native body omits its max-tokens field, where it differs from
   * `defaultMaxTokens` (bedrock-wire.md §7.4: Mistral Large 2402 defaults to 8192). Only the emulator reads
   * it; absent means `defaultMaxTokens`. From 1 to `maxOutputTokens`.
   */
  nativeDefaultMaxTokens?: number;
  contextWindow: number;
  streaming: boolean;
  /** Whether the model accepts a system prompt (Converse `system`; Titan and Mistral 7B/Mixtral do not). */
  systemPrompt: boolean;
  /**
   * Converse tool use (bedrock-wire.md §8.1): in Converse and ConverseStream (`stream`), in Converse only
   * (`blocking`: Llama 3.1/3.3, Mistral Large, Command R), or not at all (`none`).
   */
  converseTools: 'stream' | 'blocking' | 'none';
  inferenceProfile: InferenceProfileSupport;
  /**
   * True when the model refuses `temperature` and `top_p` in one request (Claude 4.5 generation: Bedrock
   * answers 400 "`temperature` and `top_p` cannot both be specified for this model"). Absent means false.
   */
  exclusiveSampling?: boolean;
  lifecycle: LifecycleStatus;
  inputModalities: Modality[];
  outputModalities: Modality[];
  useCases: string[];
}

export interface ModelCatalogData {
  /** Alias used when a request names no model. */
  defaultModel: string;
  /** Alias per recommendation key (cost_effective, best_reasoning, fastest, open_weight, aws_native). */
  recommendations: Record<string, string>;
  models: CatalogModel[];
}

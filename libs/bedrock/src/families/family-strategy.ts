import type { ModelFamily } from '../catalog/catalog.types';
import type { ResolvedModel } from '../catalog/resolved-model';

/** One turn of a conversation, as the gateway's API accepts it. */
export interface ChatTurn {
  role: 'user' | 'assistant';
  content: string;
}

/** A retrieved passage the model should ground its answer on (RAG). */
export interface GroundingDocument {
  id: string;
  uri: string | null;
  text: string;
  title?: string;
}

/** The family-neutral chat request every strategy translates into its model's native body. */
export interface CanonicalChatRequest {
  system?: string;
  messages: ChatTurn[];
  maxTokens: number;
  temperature?: number;
  topP?: number;
  stopSequences?: string[];
  documents?: GroundingDocument[];
}

/** Stop reasons normalised across families (shared/docs/API.md `stop_reason`). */
export type StopReason = 'end_turn' | 'max_tokens' | 'stop_sequence' | 'content_filtered' | 'other';

export interface CanonicalChatResult {
  text: string;
  stopReason: StopReason;
  /** null when neither the body nor the response headers carried the count. */
  inputTokens: number | null;
  outputTokens: number | null;
}

/** Values read from the `x-amzn-bedrock-*` InvokeModel response headers (bedrock-wire.md §1.2). */
export interface TokenHeaders {
  inputTokens?: number;
  outputTokens?: number;
  latencyMs?: number;
}

/**
 * What one native stream chunk contributes. `text` is a delta to append; every other field is the
 * latest known value (token counts are running totals, so the last value seen wins).
 */
export interface StreamChunkUpdate {
  text?: string;
  stopReason?: StopReason;
  inputTokens?: number;
  outputTokens?: number;
  firstByteLatencyMs?: number;
  invocationLatencyMs?: number;
}

/**
 * Translates between the canonical chat shapes and one native InvokeModel schema (bedrock-wire.md §7).
 * Implementations are Nest providers collected under `FAMILY_STRATEGIES` and chosen by `supports()`;
 * their methods are pure and throw `ModelResponseShapeError` when Bedrock's body has the wrong shape.
 */
export abstract class FamilyStrategy {
  abstract readonly family: ModelFamily;

  /**
   * The request's stop sequences that its native body leaves out; the gateway cuts the answer at them
   * itself (`StopSequenceCutter`). All of them for a family without a stop parameter (Llama), and those
   * a family's API refuses (most of Titan's, Claude's blank ones).
   */
  abstract gatewayStopSequences(stops: readonly string[]): readonly string[];

  /** Whether this strategy speaks the model's native schema. */
  abstract supports(model: ResolvedModel): boolean;

  /** The native InvokeModel / InvokeModelWithResponseStream JSON body. */
  abstract buildRequest(request: CanonicalChatRequest, model: ResolvedModel): Record<string, unknown>;

  /** `body` is the parsed JSON; token counts come from the body where the family has them, else from headers. */
  abstract parseResponse(body: unknown, headers: TokenHeaders): CanonicalChatResult;

  /** `chunk` is one decoded native chunk object, including `amazon-bedrock-invocationMetrics` when present. */
  abstract parseStreamChunk(chunk: unknown): StreamChunkUpdate;
}

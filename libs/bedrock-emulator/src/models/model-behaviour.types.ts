import type { CatalogModel } from '@app/bedrock';
import type { ScriptedToolUse } from '../tools/tool-use';

/**
 * The boundary between the emulator's transport (HTTP routes, event-stream framing, faults) and its
 * model behaviour (native bodies per schema, deterministic generation, Converse, embeddings).
 * Everything on this side is pure: plain objects in, plain objects out, EmulatorError thrown for bad input.
 */

/** Per-request inputs that do not come from the body. */
export interface GenerationContext {
  /** When a scripted response matched the prompt, the text to answer with instead of generated text. */
  scriptedText?: string;
  /** When a scripted response matched with `toolUse`, the call to answer with where a call is possible. */
  scriptedToolUse?: ScriptedToolUse;
  /** The emulator request id (used to derive ids such as `msg_bdrk_…` deterministically). */
  requestId: string;
}

export interface TokenUsage {
  inputTokens: number;
  outputTokens: number;
}

/** InvokeModel: the native JSON response body. */
export interface InvokeOutcome extends TokenUsage {
  body: Record<string, unknown>;
}

/**
 * InvokeModelWithResponseStream: the native chunk objects in order. The transport base64-wraps each as
 * `{"bytes": …}` and merges `amazon-bedrock-invocationMetrics` into the LAST chunk object.
 */
export interface InvokeStreamOutcome extends TokenUsage {
  chunks: Record<string, unknown>[];
}

/** ConverseStream: events in order, each `{ type: ':event-type' value, payload }`. */
export interface ConverseStreamEvent {
  type:
    | 'messageStart'
    | 'contentBlockStart'
    | 'contentBlockDelta'
    | 'contentBlockStop'
    | 'messageStop'
    | 'metadata';
  payload: Record<string, unknown>;
}

export interface ConverseStreamOutcome extends TokenUsage {
  events: ConverseStreamEvent[];
}

/** What the transport calls. Implemented in `models/model-behaviour.ts`. */
export interface ModelBehaviour {
  invoke(model: CatalogModel, body: unknown, context: GenerationContext): InvokeOutcome;
  invokeStream(model: CatalogModel, body: unknown, context: GenerationContext): InvokeStreamOutcome;
  /** `metrics.latencyMs` is filled in by the transport. */
  converse(model: CatalogModel, body: unknown, context: GenerationContext): InvokeOutcome;
  converseStream(model: CatalogModel, body: unknown, context: GenerationContext): ConverseStreamOutcome;
  /** The prompt text a scripted response is matched against (all user/system text of the request). */
  promptText(model: CatalogModel, body: unknown, operation: 'invoke' | 'converse'): string;
}

import type { ResolvedModel } from '../catalog/resolved-model';
import type { UsageStatus } from '../usage/usage-event';

/**
 * What a feature service learns about one model call, filled in as the call goes. The usage
 * interceptor creates it per request and turns it into a `UsageEvent` when the request ends.
 */
export class CallRecord {
  model: ResolvedModel | null = null;
  region: string | null = null;
  attempts = 0;
  /** See `CallProgress.mayHaveBilled`. */
  mayHaveBilled = false;
  failoverRegion: string | null = null;
  /** See `CallProgress.bedrockRequestId`. */
  bedrockRequestId: string | null = null;
  inputTokens = 0;
  outputTokens = 0;
  costUsd: number | null = null;
  bedrockLatencyMs: number | null = null;
  /**
   * Bedrock did the work but reported no token counts (RetrieveAndGenerate): budgets and rates keep
   * the call's estimate charged instead of settling on zero.
   */
  unmetered = false;
  streamed = false;
  /** Set when the outcome is not visible from the HTTP result (a stream that failed or was closed). */
  status: UsageStatus | null = null;
  errorCode: string | null = null;
  /** performance.now() when a stream's first text was handed to the caller; null without one. */
  firstTokenAt: number | null = null;
  /** The error a failed stream ended with, for the failure's log line (a blocking call's is thrown). */
  failure: unknown = undefined;
  httpStatus: number | null = null;
  ragUsed: boolean | null = null;
  knowledgeBaseId: string | null = null;
  contextsUsed: number | null = null;
  tenant: string | null = null;
  keyId: string | null = null;
  metadata: Record<string, string> | null = null;
  /**
   * The prompt's input tokens as the policy estimated them (characters / 4, after PII redaction): what a
   * stream cut short before Bedrock counted its input is charged (Mistral, Cohere).
   */
  estimatedPromptTokens: number | null = null;
  /** The tenant opted in to prompt logging (`log_prompts`): the service logs the prompt and completion. */
  logPrompts = false;
  /** PII the policy replaced in the input, by type (API.md `redactions`); empty when nothing changed. */
  redactions: { type: string; count: number }[] = [];
  /**
   * Set by a handler whose work outlives its return value (a streamed answer): the usage event is
   * recorded once this settles, so it holds the tokens of the whole stream.
   */
  completion: Promise<void> | null = null;

  /** Gateway time excluding the wait on Bedrock, in ms (the `x-gateway-overhead-ms` figure). */
  overheadMs(startedAt: number, now = performance.now()): number {
    return Math.max(0, now - startedAt - (this.bedrockLatencyMs ?? 0));
  }
}

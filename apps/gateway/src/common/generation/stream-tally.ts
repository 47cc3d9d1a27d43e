import {
  BedrockError,
  BedrockErrorCode,
  type CanonicalChatResult,
  type StreamChunkUpdate,
} from '@app/bedrock';

export type StreamTotals = Omit<CanonicalChatResult, 'text'>;

/**
 * What a stream has reported (stop reason, token counts: Bedrock's running or final figures) and how
 * many chunks of text it delivered. A stream that ends early is charged for the tokens seen so far
 * (API.md): Claude reports its output count only at the end, so the delivered chunks are counted too.
 */
export class StreamTally {
  readonly totals: StreamTotals = { stopReason: 'other', inputTokens: null, outputTokens: null };
  private textChunks = 0;
  private stopped = false;

  /**
   * Whether the model said why it stopped. Every family's last event carries its stop reason (Claude's
   * `message_delta`, Titan's `completionReason`, …), so a stream that ends without one was cut short.
   */
  get finished(): boolean {
    return this.stopped;
  }

  add(update: StreamChunkUpdate): void {
    if (update.stopReason) {
      this.totals.stopReason = update.stopReason;
      this.stopped = true;
    }
    if (update.inputTokens !== undefined) this.totals.inputTokens = update.inputTokens;
    if (update.outputTokens !== undefined) this.totals.outputTokens = update.outputTokens;
    if (update.text) this.textChunks += 1;
  }

  /** The totals of a stream cut short: at least one output token per chunk of text it delivered. */
  unfinished(): StreamTotals {
    const reported = this.totals.outputTokens ?? 0;
    const outputTokens = Math.max(reported, this.textChunks);
    return { ...this.totals, outputTokens: outputTokens > 0 ? outputTokens : this.totals.outputTokens };
  }
}

/** Bedrock closed a stream cleanly but before the model's last event: the answer may be incomplete. */
export function streamCutShort(): BedrockError {
  return new BedrockError(
    BedrockErrorCode.UpstreamError,
    'Bedrock ended the stream before the model finished its answer.',
  );
}

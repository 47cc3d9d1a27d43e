import { CallRecord, type ResolvedModel, usageStatusOf } from '@app/bedrock';
import { settleUsage } from '../common/generation/settle-usage';
import { StreamTally, type StreamTotals } from '../common/generation/stream-tally';
import { USAGE_METADATA } from '../governance/governance-route.constants';

/**
 * The usage side of one streamed chat: what Bedrock has reported so far (`tally`), and the record's
 * tokens, cost and outcome, put on it exactly once — when the stream ends, fails, is left by its caller,
 * or is abandoned past its deadline by a caller that stopped reading (whichever comes first).
 */
export class StreamAccount {
  readonly tally = new StreamTally();
  private accounted = false;
  private settleRecord: () => void = () => undefined;

  constructor(
    private readonly record: CallRecord,
    private readonly model: ResolvedModel,
    /** performance.now() when the stream was asked for, for the record's Bedrock time. */
    private readonly openedAt: number,
  ) {
    record.completion = new Promise<void>((resolve) => (this.settleRecord = resolve));
  }

  get isAccounted(): boolean {
    return this.accounted;
  }

  /** Puts the stream's tokens and cost on the record, once; later calls change nothing. */
  account(totals: StreamTotals): void {
    if (this.accounted) return;
    this.accounted = true;
    const { record } = this;
    record.bedrockLatencyMs = performance.now() - this.openedAt;
    if (totals.inputTokens === null && totals.outputTokens !== null) {
      // Mistral and Cohere count the input only in their last chunk: a stream cut short before it, after
      // some of the answer, is charged the prompt's estimate, and the record says so. One cut before
      // anything at all (no count, no text) keeps no figures: like any call Bedrock may have worked on
      // unseen, its cost is unknown and budgets keep its whole estimate (an estimated prompt alone made
      // it count as metered, and it settled on the prompt's tokens and $0).
      totals = { ...totals, inputTokens: record.estimatedPromptTokens ?? 0 };
      record.metadata = { ...record.metadata, [USAGE_METADATA.inputTokens]: 'estimated' };
    }
    settleUsage(record, this.model, totals);
  }

  /**
   * Ends the call as failed with `code` (`client_closed` for a caller that left), charged what was seen;
   * `error` is what it failed with, for the log.
   */
  fail(code: string, error?: unknown): void {
    if (this.accounted) return;
    this.account(this.tally.unfinished());
    this.record.errorCode = code;
    this.record.failure = error;
    this.record.status = usageStatusOf(code);
  }

  /** The usage record may be written now (once accounted). */
  close(): void {
    this.settleRecord();
  }
}

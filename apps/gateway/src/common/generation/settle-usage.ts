import { CallRecord, CanonicalChatResult, ResolvedModel, estimateCost } from '@app/bedrock';

/** Puts a generation's tokens and cost on the call record (unknown counts are recorded as 0, cost null). */
export function settleUsage(
  record: CallRecord,
  model: ResolvedModel,
  result: Omit<CanonicalChatResult, 'text'>,
): void {
  record.inputTokens = result.inputTokens ?? 0;
  record.outputTokens = result.outputTokens ?? 0;
  record.costUsd = estimateCost(model, result);
}

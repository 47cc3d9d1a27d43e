import type { CallRecord, CanonicalChatResult, ResolvedModel, StopReason } from '@app/bedrock';

/** The 200 body of /bedrock/chat without `response`; /bedrock/chat/rag answers it too (API.md). */
export interface GenerationSummary {
  id: string;
  model_used: string;
  model_id: string;
  family: string;
  region: string | null;
  stop_reason: StopReason;
  tokens_used: { input_tokens: number | null; output_tokens: number | null; total_tokens: number | null };
  estimated_cost: number | null;
  processing_time_ms: number;
  bedrock_latency_ms: number | null;
  redactions?: { type: string; count: number }[];
}

const round = (value: number) => Math.round(value * 10) / 10;

export function generationSummary(
  requestId: string,
  model: ResolvedModel,
  result: Omit<CanonicalChatResult, 'text'>,
  record: CallRecord,
  startedAt: number,
): GenerationSummary {
  const { inputTokens, outputTokens } = result;
  return {
    id: requestId,
    model_used: model.alias ?? model.invokeId,
    model_id: model.invokeId,
    family: model.family,
    region: record.region,
    stop_reason: result.stopReason,
    tokens_used: {
      input_tokens: inputTokens,
      output_tokens: outputTokens,
      total_tokens: inputTokens !== null && outputTokens !== null ? inputTokens + outputTokens : null,
    },
    estimated_cost: record.costUsd,
    processing_time_ms: round(performance.now() - startedAt),
    bedrock_latency_ms: record.bedrockLatencyMs === null ? null : round(record.bedrockLatencyMs),
    ...(record.redactions.length > 0 ? { redactions: record.redactions } : {}),
  };
}

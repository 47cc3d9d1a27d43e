import { z } from 'zod/v4';
import type { StreamChunkUpdate } from '../family-strategy';
import { invocationMetricsUpdate, withInvocationMetrics } from '../invocation-metrics';
import { parseBoundary } from '../parse-boundary';
import { titanStopReason } from './titan-stop-reason';

/** Intermediate chunks carry `completionReason: null`; later ones `inputTextTokenCount: null` (§7.2). */
const titanChunkSchema = z.object({
  outputText: z.string().nullish(),
  completionReason: z.string().nullish(),
  inputTextTokenCount: z.number().int().nullish(),
  totalOutputTextTokenCount: z.number().int().nullish(),
  ...withInvocationMetrics,
});

export function parseTitanStreamChunk(chunk: unknown): StreamChunkUpdate {
  const event = parseBoundary(titanChunkSchema, chunk, 'titan', 'stream chunk');
  return {
    ...(event.outputText ? { text: event.outputText } : {}),
    ...(event.completionReason ? { stopReason: titanStopReason(event.completionReason) } : {}),
    ...(typeof event.inputTextTokenCount === 'number' ? { inputTokens: event.inputTextTokenCount } : {}),
    ...(typeof event.totalOutputTextTokenCount === 'number'
      ? { outputTokens: event.totalOutputTextTokenCount }
      : {}),
    ...invocationMetricsUpdate(event['amazon-bedrock-invocationMetrics']),
  };
}

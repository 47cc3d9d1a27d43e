import { z } from 'zod/v4';
import type { StreamChunkUpdate } from '../family-strategy';
import { invocationMetricsUpdate, withInvocationMetrics } from '../invocation-metrics';
import { parseBoundary } from '../parse-boundary';
import { llamaStopReason } from './llama-stop-reason';

/**
 * `prompt_token_count` is only set on the first chunk; `generation_token_count` is a running total
 * (bedrock-wire.md §7.3), which is exactly what `StreamChunkUpdate.outputTokens` means.
 */
const llamaChunkSchema = z.object({
  generation: z.string().nullish(),
  prompt_token_count: z.number().int().nullish(),
  generation_token_count: z.number().int().nullish(),
  stop_reason: z.string().nullish(),
  ...withInvocationMetrics,
});

export function parseLlamaStreamChunk(chunk: unknown): StreamChunkUpdate {
  const event = parseBoundary(llamaChunkSchema, chunk, 'llama', 'stream chunk');
  return {
    ...(event.generation ? { text: event.generation } : {}),
    ...(event.stop_reason ? { stopReason: llamaStopReason(event.stop_reason) } : {}),
    ...(typeof event.prompt_token_count === 'number' ? { inputTokens: event.prompt_token_count } : {}),
    ...(typeof event.generation_token_count === 'number'
      ? { outputTokens: event.generation_token_count }
      : {}),
    ...invocationMetricsUpdate(event['amazon-bedrock-invocationMetrics']),
  };
}

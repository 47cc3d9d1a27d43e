import { z } from 'zod/v4';
import type { StreamChunkUpdate } from './family-strategy';

/**
 * `amazon-bedrock-invocationMetrics`, which Bedrock merges into the last stream chunk of every family
 * (bedrock-wire.md §2.5). Latencies are milliseconds.
 */
const invocationMetricsSchema = z.object({
  inputTokenCount: z.number().int().nonnegative(),
  outputTokenCount: z.number().int().nonnegative(),
  invocationLatency: z.number().nonnegative(),
  firstByteLatency: z.number().nonnegative(),
});

/** Spread into a family's chunk schema: `z.object({ ...withInvocationMetrics, … })`. */
export const withInvocationMetrics = {
  'amazon-bedrock-invocationMetrics': invocationMetricsSchema.optional(),
};

type InvocationMetrics = z.infer<typeof invocationMetricsSchema>;

/** The metrics as a chunk update; they are Bedrock's final word, so callers spread them last. */
export function invocationMetricsUpdate(metrics: InvocationMetrics | undefined): StreamChunkUpdate {
  if (metrics === undefined) return {};
  return {
    inputTokens: metrics.inputTokenCount,
    outputTokens: metrics.outputTokenCount,
    invocationLatencyMs: metrics.invocationLatency,
    firstByteLatencyMs: metrics.firstByteLatency,
  };
}

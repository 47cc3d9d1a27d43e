import { z } from 'zod/v4';
import type { CanonicalChatResult, StreamChunkUpdate, TokenHeaders } from '../family-strategy';
import { invocationMetricsUpdate, withInvocationMetrics } from '../invocation-metrics';
import { parseBoundary } from '../parse-boundary';
import { cohereStopReason } from './cohere-stop-reason';

/**
 * Bedrock's Command R body has no `meta.billed_units` (cohere-python#531), so counts normally come from
 * the headers; `billed_units` is still read when present, as Cohere's own API sends it.
 */
const billedUnitsSchema = z
  .object({
    billed_units: z.object({ input_tokens: z.number().int(), output_tokens: z.number().int() }).nullish(),
  })
  .nullish();

const responseSchema = z.object({
  text: z.string(),
  finish_reason: z.string().nullish(),
  meta: billedUnitsSchema,
});

const chunkSchema = z.object({
  event_type: z.string(),
  text: z.string().optional(),
  finish_reason: z.string().nullish(),
  ...withInvocationMetrics,
});

export function parseCohereResponse(body: unknown, headers: TokenHeaders): CanonicalChatResult {
  const response = parseBoundary(responseSchema, body, 'cohere', 'response');
  const billed = response.meta?.billed_units;
  return {
    text: response.text,
    stopReason: cohereStopReason(response.finish_reason),
    inputTokens: billed?.input_tokens ?? headers.inputTokens ?? null,
    outputTokens: billed?.output_tokens ?? headers.outputTokens ?? null,
  };
}

/** `stream-start`, `text-generation` chunks, then `stream-end` with the finish reason and metrics. */
export function parseCohereStreamChunk(chunk: unknown): StreamChunkUpdate {
  const event = parseBoundary(chunkSchema, chunk, 'cohere', 'stream chunk');
  const metrics = invocationMetricsUpdate(event['amazon-bedrock-invocationMetrics']);
  if (event.event_type === 'text-generation')
    return { ...(event.text ? { text: event.text } : {}), ...metrics };
  if (event.event_type === 'stream-end')
    return { stopReason: cohereStopReason(event.finish_reason), ...metrics };
  return metrics;
}

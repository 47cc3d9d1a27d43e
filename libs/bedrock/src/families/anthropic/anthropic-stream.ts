import { z } from 'zod/v4';
import type { StreamChunkUpdate } from '../family-strategy';
import { invocationMetricsUpdate, withInvocationMetrics } from '../invocation-metrics';
import { parseBoundary } from '../parse-boundary';
import { anthropicStopReason } from './anthropic-stop-reason';

const usageSchema = z.object({ input_tokens: z.number().int().optional(), output_tokens: z.number().int() });

/** The chunk types that matter for chat text; others (content_block_start/stop, …) pass untouched. */
const anthropicChunkSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('message_start'), message: z.object({ usage: usageSchema }) }),
  z.object({
    type: z.literal('content_block_delta'),
    delta: z.object({ type: z.string(), text: z.string().optional() }),
  }),
  z.object({
    type: z.literal('message_delta'),
    delta: z.object({ stop_reason: z.string().nullable() }),
    usage: usageSchema.optional(),
  }),
  z.object({ type: z.literal('message_stop'), ...withInvocationMetrics }),
]);

const anyChunkSchema = z.object({ type: z.string() });

/** Claude stream chunks as in bedrock-wire.md §2.6: message_start → deltas → message_delta → message_stop. */
export function parseAnthropicStreamChunk(chunk: unknown): StreamChunkUpdate {
  const { type } = parseBoundary(anyChunkSchema, chunk, 'anthropic', 'stream chunk');
  if (!['message_start', 'content_block_delta', 'message_delta', 'message_stop'].includes(type)) return {};
  const event = parseBoundary(anthropicChunkSchema, chunk, 'anthropic', 'stream chunk');
  switch (event.type) {
    case 'message_start':
      return {
        inputTokens: event.message.usage.input_tokens,
        outputTokens: event.message.usage.output_tokens,
      };
    case 'content_block_delta':
      return event.delta.type === 'text_delta' && event.delta.text !== undefined
        ? { text: event.delta.text }
        : {};
    case 'message_delta':
      return {
        ...(event.delta.stop_reason === null
          ? {}
          : { stopReason: anthropicStopReason(event.delta.stop_reason) }),
        ...(event.usage === undefined ? {} : { outputTokens: event.usage.output_tokens }),
      };
    case 'message_stop':
      return invocationMetricsUpdate(event['amazon-bedrock-invocationMetrics']);
  }
}

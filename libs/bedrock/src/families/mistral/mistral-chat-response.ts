import { z } from 'zod/v4';
import type { CanonicalChatResult, StreamChunkUpdate, TokenHeaders } from '../family-strategy';
import { invocationMetricsUpdate, withInvocationMetrics } from '../invocation-metrics';
import { parseBoundary } from '../parse-boundary';
import { mistralStopReason } from './mistral-stop-reason';

/** Field names are Bedrock's: `stop_reason`, not OpenAI's `finish_reason` (bedrock-wire.md §7.5). */
const messageSchema = z.object({ content: z.string().nullish() });
const usageSchema = z
  .object({ prompt_tokens: z.number().int(), completion_tokens: z.number().int() })
  .nullish();

const responseSchema = z.object({
  choices: z.array(z.object({ message: messageSchema, stop_reason: z.string().nullish() })).min(1),
  usage: usageSchema,
});

/** Captured chunks put the text in `message`; `delta` is accepted too, as Mistral's own API uses it. */
const chunkSchema = z.object({
  choices: z.array(
    z.object({
      message: messageSchema.nullish(),
      delta: messageSchema.nullish(),
      stop_reason: z.string().nullish(),
    }),
  ),
  usage: usageSchema,
  ...withInvocationMetrics,
});

export function parseMistralChatResponse(body: unknown, headers: TokenHeaders): CanonicalChatResult {
  const response = parseBoundary(responseSchema, body, 'mistral', 'response');
  const [choice] = response.choices;
  return {
    text: choice?.message.content ?? '',
    stopReason: mistralStopReason(choice?.stop_reason),
    inputTokens: response.usage?.prompt_tokens ?? headers.inputTokens ?? null,
    outputTokens: response.usage?.completion_tokens ?? headers.outputTokens ?? null,
  };
}

export function parseMistralChatStreamChunk(chunk: unknown): StreamChunkUpdate {
  const event = parseBoundary(chunkSchema, chunk, 'mistral', 'stream chunk');
  const [choice] = event.choices;
  const text = choice?.message?.content ?? choice?.delta?.content;
  return {
    ...(text ? { text } : {}),
    ...(choice?.stop_reason ? { stopReason: mistralStopReason(choice.stop_reason) } : {}),
    ...(event.usage
      ? { inputTokens: event.usage.prompt_tokens, outputTokens: event.usage.completion_tokens }
      : {}),
    ...invocationMetricsUpdate(event['amazon-bedrock-invocationMetrics']),
  };
}

import { z } from 'zod/v4';
import type { CanonicalChatResult, StreamChunkUpdate, TokenHeaders } from '../family-strategy';
import { invocationMetricsUpdate, withInvocationMetrics } from '../invocation-metrics';
import { parseBoundary } from '../parse-boundary';
import { mistralStopReason } from './mistral-stop-reason';

const outputsSchema = z.array(z.object({ text: z.string(), stop_reason: z.string().nullish() })).min(1);

const responseSchema = z.object({ outputs: outputsSchema });
const chunkSchema = z.object({ outputs: outputsSchema, ...withInvocationMetrics });

/**
 * The body carries no token counts, so they come only from the `x-amzn-bedrock-*` headers
 * (bedrock-wire.md §7.4; aws-samples/bedrock-access-gateway#15).
 */
export function parseMistralCompletionResponse(body: unknown, headers: TokenHeaders): CanonicalChatResult {
  const [output] = parseBoundary(responseSchema, body, 'mistral', 'response').outputs;
  return {
    text: output?.text ?? '',
    stopReason: mistralStopReason(output?.stop_reason),
    inputTokens: headers.inputTokens ?? null,
    outputTokens: headers.outputTokens ?? null,
  };
}

/** `{"outputs":[{"text":" I","stop_reason":null}]}`; the last chunk adds the stop reason and metrics. */
export function parseMistralCompletionStreamChunk(chunk: unknown): StreamChunkUpdate {
  const event = parseBoundary(chunkSchema, chunk, 'mistral', 'stream chunk');
  const [output] = event.outputs;
  return {
    ...(output?.text ? { text: output.text } : {}),
    ...(output?.stop_reason ? { stopReason: mistralStopReason(output.stop_reason) } : {}),
    ...invocationMetricsUpdate(event['amazon-bedrock-invocationMetrics']),
  };
}

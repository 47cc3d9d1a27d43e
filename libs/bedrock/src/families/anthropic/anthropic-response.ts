import { z } from 'zod/v4';
import type { CanonicalChatResult, TokenHeaders } from '../family-strategy';
import { parseBoundary } from '../parse-boundary';
import { anthropicStopReason } from './anthropic-stop-reason';

const anthropicResponseSchema = z.object({
  content: z.array(z.object({ type: z.string(), text: z.string().optional() })),
  stop_reason: z.string().nullable(),
  usage: z.object({ input_tokens: z.number().int(), output_tokens: z.number().int() }).optional(),
});

/** Text is the concatenation of the `text` blocks; tool-use and thinking blocks are not chat text. */
export function parseAnthropicResponse(body: unknown, headers: TokenHeaders): CanonicalChatResult {
  const response = parseBoundary(anthropicResponseSchema, body, 'anthropic', 'response');
  return {
    text: response.content.map((block) => (block.type === 'text' ? (block.text ?? '') : '')).join(''),
    stopReason: anthropicStopReason(response.stop_reason),
    inputTokens: response.usage?.input_tokens ?? headers.inputTokens ?? null,
    outputTokens: response.usage?.output_tokens ?? headers.outputTokens ?? null,
  };
}

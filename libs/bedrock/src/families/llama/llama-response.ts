import { z } from 'zod/v4';
import type { CanonicalChatResult, TokenHeaders } from '../family-strategy';
import { parseBoundary } from '../parse-boundary';
import { llamaStopReason } from './llama-stop-reason';

const llamaResponseSchema = z.object({
  generation: z.string(),
  prompt_token_count: z.number().int().nullish(),
  generation_token_count: z.number().int().nullish(),
  stop_reason: z.string().nullish(),
});

export function parseLlamaResponse(body: unknown, headers: TokenHeaders): CanonicalChatResult {
  const response = parseBoundary(llamaResponseSchema, body, 'llama', 'response');
  return {
    text: response.generation,
    stopReason: llamaStopReason(response.stop_reason),
    inputTokens: response.prompt_token_count ?? headers.inputTokens ?? null,
    outputTokens: response.generation_token_count ?? headers.outputTokens ?? null,
  };
}

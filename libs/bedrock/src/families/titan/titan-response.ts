import { z } from 'zod/v4';
import type { CanonicalChatResult, TokenHeaders } from '../family-strategy';
import { parseBoundary } from '../parse-boundary';
import { titanStopReason } from './titan-stop-reason';

const titanResponseSchema = z.object({
  inputTextTokenCount: z.number().int().nullish(),
  results: z
    .array(
      z.object({
        outputText: z.string(),
        tokenCount: z.number().int().nullish(),
        completionReason: z.string().nullish(),
      }),
    )
    .min(1),
});

/** Reads the first result (the gateway never asks for more than one). */
export function parseTitanResponse(body: unknown, headers: TokenHeaders): CanonicalChatResult {
  const response = parseBoundary(titanResponseSchema, body, 'titan', 'response');
  const [result] = response.results as [(typeof response.results)[number]];
  return {
    text: result.outputText,
    stopReason: titanStopReason(result.completionReason),
    inputTokens: response.inputTextTokenCount ?? headers.inputTokens ?? null,
    outputTokens: result.tokenCount ?? headers.outputTokens ?? null,
  };
}

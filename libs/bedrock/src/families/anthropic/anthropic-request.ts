import { definedOnly, mergeConsecutiveTurns, nonEmpty } from '../chat-turns';
import type { CanonicalChatRequest } from '../family-strategy';
import { groundedSystemPrompt } from '../grounding-context';

/** Required value for Claude on Bedrock (bedrock-wire.md §7.1). */
export const ANTHROPIC_BEDROCK_VERSION = 'bedrock-2023-05-31';

/**
 * Claude Messages API body. No `model` and no `stream` field: Bedrock takes both from the operation.
 * Same-role turns are merged because the API requires alternating roles.
 * https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-anthropic-claude-messages.html
 */
export function buildAnthropicRequest(request: CanonicalChatRequest): Record<string, unknown> {
  const messages = mergeConsecutiveTurns(request.messages);
  // A last assistant turn is a prefill for Claude to continue, and Claude refuses one that ends with
  // whitespace ("final assistant content cannot end with trailing whitespace").
  const last = messages.at(-1);
  if (last?.role === 'assistant') last.content = last.content.trimEnd();
  return definedOnly({
    anthropic_version: ANTHROPIC_BEDROCK_VERSION,
    max_tokens: request.maxTokens,
    system: groundedSystemPrompt(request.system, request.documents),
    messages,
    temperature: request.temperature,
    top_p: request.topP,
    stop_sequences: nonEmpty(anthropicNativeStops(request.stopSequences ?? [])),
  });
}

/**
 * Claude refuses a stop sequence of whitespace only ("each stop sequence must contain non-whitespace"),
 * such as `"\n\n"`: the gateway cuts at those, and Claude takes the rest.
 */
export function anthropicNativeStops(stops: readonly string[]): readonly string[] {
  return stops.filter((stop) => /\S/.test(stop));
}

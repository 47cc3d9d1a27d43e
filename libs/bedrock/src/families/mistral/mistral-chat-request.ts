import { definedOnly, mergeConsecutiveTurns } from '../chat-turns';
import type { CanonicalChatRequest } from '../family-strategy';
import { groundedSystemPrompt } from '../grounding-context';

/**
 * Mistral chat-completion body (Large 2407, bedrock-wire.md §7.5): a `system` message first when
 * there is a system prompt or grounding context, then the turns with alternating roles.
 * https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-mistral-chat-completion.html
 */
export function buildMistralChatRequest(request: CanonicalChatRequest): Record<string, unknown> {
  const system = groundedSystemPrompt(request.system, request.documents);
  const messages = [
    ...(system ? [{ role: 'system', content: system }] : []),
    ...mergeConsecutiveTurns(request.messages),
  ];
  return definedOnly({
    messages,
    max_tokens: request.maxTokens,
    temperature: request.temperature,
    top_p: request.topP,
    stop: request.stopSequences,
  });
}

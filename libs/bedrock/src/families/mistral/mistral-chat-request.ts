import { definedOnly, mergeConsecutiveTurns } from '../chat-turns';
import { FamilyRequestError } from '../family-request.error';
import type { CanonicalChatRequest } from '../family-strategy';
import { groundedSystemPrompt } from '../grounding-context';

/**
 * Mistral chat-completion body (Large 2407, bedrock-wire.md §7.5): a `system` message first when
 * there is a system prompt or grounding context, then the turns with alternating roles. AWS documents
 * no stop parameter for this form (`messages, tools, tool_choice, max_tokens, top_p, temperature`), and
 * Bedrock refuses keys a schema does not know, so the gateway cuts at stop sequences itself.
 * https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-mistral-chat-completion.html
 */
export function buildMistralChatRequest(request: CanonicalChatRequest): Record<string, unknown> {
  if (request.messages.at(-1)?.role === 'assistant') {
    // Mistral's chat form serves a last assistant turn only with `prefix: true`, which AWS's schema for
    // it does not list ("Expected last role User or Tool … but got assistant").
    throw new FamilyRequestError(
      'Mistral Large 2407 cannot continue an assistant turn: end the conversation with a user turn.',
    );
  }
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
  });
}

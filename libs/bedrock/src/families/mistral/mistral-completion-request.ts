import { definedOnly, mergeConsecutiveTurns } from '../chat-turns';
import type { CanonicalChatRequest } from '../family-strategy';
import { groundedSystemPrompt } from '../grounding-context';

/**
 * Mistral instruct template: `<s>[INST] q1 [/INST] a1</s>[INST] q2 [/INST]`. The template has no
 * system role, so the system prompt (with any grounding context) opens the first user turn. A
 * trailing assistant turn stays open (no `</s>`) so the model continues it.
 * https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-mistral-text-completion.html
 */
export function mistralPrompt(request: CanonicalChatRequest): string {
  const system = groundedSystemPrompt(request.system, request.documents);
  const turns = mergeConsecutiveTurns(request.messages);
  const firstUser = turns.findIndex((turn) => turn.role === 'user');
  let prompt = '<s>';
  turns.forEach((turn, index) => {
    if (turn.role === 'user') {
      const text = index === firstUser && system ? `${system}\n\n${turn.content}` : turn.content;
      prompt += `[INST] ${text} [/INST]`;
    } else {
      prompt += ` ${turn.content}${index === turns.length - 1 ? '' : '</s>'}`;
    }
  });
  return prompt;
}

/** Native Mistral text-completion body (bedrock-wire.md §7.4). */
export function buildMistralCompletionRequest(request: CanonicalChatRequest): Record<string, unknown> {
  return definedOnly({
    prompt: mistralPrompt(request),
    max_tokens: request.maxTokens,
    stop: request.stopSequences,
    temperature: request.temperature,
    top_p: request.topP,
  });
}

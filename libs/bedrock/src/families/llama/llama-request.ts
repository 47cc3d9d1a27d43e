import { definedOnly } from '../chat-turns';
import type { CanonicalChatRequest } from '../family-strategy';
import { groundedSystemPrompt } from '../grounding-context';

const BEGIN = '<|begin_of_text|>';
const END_OF_TURN = '<|eot_id|>';

function header(role: 'system' | 'user' | 'assistant'): string {
  return `<|start_header_id|>${role}<|end_header_id|>\n\n`;
}

/**
 * Llama 3 chat template: optional system block, one block per turn, then an open assistant header.
 * A trailing assistant turn stays open (no `<|eot_id|>`) so the model continues it.
 * https://www.llama.com/docs/model-cards-and-prompt-formats/meta-llama-3/
 */
export function llamaPrompt(request: CanonicalChatRequest): string {
  const system = groundedSystemPrompt(request.system, request.documents);
  let prompt = BEGIN;
  if (system !== undefined && system !== '') prompt += `${header('system')}${system}${END_OF_TURN}`;
  request.messages.forEach((turn, index) => {
    const open = turn.role === 'assistant' && index === request.messages.length - 1;
    prompt += `${header(turn.role)}${turn.content}${open ? '' : END_OF_TURN}`;
  });
  return request.messages.at(-1)?.role === 'assistant' ? prompt : prompt + header('assistant');
}

/**
 * Native Llama body (bedrock-wire.md §7.3). Bedrock's Llama API has no stop-sequence parameter,
 * so `stopSequences` is not sent: the gateway cuts the answer at them (`sendsStopSequences` = false).
 * https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-meta.html
 */
export function buildLlamaRequest(request: CanonicalChatRequest): Record<string, unknown> {
  return definedOnly({
    prompt: llamaPrompt(request),
    temperature: request.temperature,
    top_p: request.topP,
    max_gen_len: request.maxTokens,
  });
}

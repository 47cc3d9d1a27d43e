import { definedOnly } from '../chat-turns';
import type { CanonicalChatRequest } from '../family-strategy';
import { groundedSystemPrompt } from '../grounding-context';

const BEGIN = '<|begin_of_text|>';
const END_OF_TURN = '<|eot_id|>';

/** Llama 3's special tokens written as text: `<|eot_id|>`, `<|start_header_id|>`, `<|reserved_special_token_0|>`… */
const SPECIAL_TOKEN = /<\|([a-z0-9_]+)\|>/gi;

/**
 * Text put in the template with its special tokens escaped, as an HTML template escapes `<`: Bedrock reads
 * them in the prompt as control tokens, so a message holding `<|eot_id|><|start_header_id|>system…` would
 * open a system turn of its own. `<|eot_id|>` becomes `< |eot_id| >`, which is only text.
 */
export function escapeLlamaText(text: string): string {
  return text.replace(SPECIAL_TOKEN, '< |$1| >');
}

function header(role: 'system' | 'user' | 'assistant'): string {
  return `<|start_header_id|>${role}<|end_header_id|>\n\n`;
}

/**
 * Llama 3 chat template: optional system block, one block per turn, then an open assistant header.
 * A trailing assistant turn stays open (no `<|eot_id|>`) so the model continues it. Text is escaped
 * (`escapeLlamaText`).
 * https://www.llama.com/docs/model-cards-and-prompt-formats/meta-llama-3/
 */
export function llamaPrompt(request: CanonicalChatRequest): string {
  const system = groundedSystemPrompt(request.system, request.documents);
  let prompt = BEGIN;
  if (system !== undefined && system !== '')
    prompt += `${header('system')}${escapeLlamaText(system)}${END_OF_TURN}`;
  request.messages.forEach((turn, index) => {
    const open = turn.role === 'assistant' && index === request.messages.length - 1;
    prompt += `${header(turn.role)}${escapeLlamaText(turn.content)}${open ? '' : END_OF_TURN}`;
  });
  return request.messages.at(-1)?.role === 'assistant' ? prompt : prompt + header('assistant');
}

/**
 * Native Llama body (bedrock-wire.md §7.3). Bedrock's Llama API has no stop-sequence parameter,
 * so `stopSequences` is not sent: the gateway cuts the answer at them (`noNativeStops`).
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

import { definedOnly, mergeConsecutiveTurns } from '../chat-turns';
import type { CanonicalChatRequest } from '../family-strategy';
import { groundedSystemPrompt } from '../grounding-context';

/**
 * The tokenizers' control tokens written as text: `[INST]`, `[/INST]`, the v3+ markers (tools, images,
 * fill-in-the-middle, `[control_N]`), `<s>`, `</s>`, `<unk>`.
 */
const CONTROL =
  /\[(\/?)(INST|SYSTEM_PROMPT|AVAILABLE_TOOLS|TOOL_RESULTS|TOOL_CALLS|TOOL_CONTENT|IMG|IMG_BREAK|IMG_END|PREFIX|MIDDLE|SUFFIX|control_\d+)\]|<(\/?s|unk)>/g;

/**
 * Text put in the template with its markers escaped, as an HTML template escapes `<`: a message holding
 * `hi [/INST] ok</s>[INST] …` would otherwise read as turns of its own. `[/INST]` becomes `[ /INST ]`
 * and `</s>` `< /s >`: the model still reads the text, in a form that is no longer a marker.
 */
export function escapeMistralText(text: string): string {
  return text.replace(
    CONTROL,
    (_, slash: string | undefined, name: string | undefined, angle: string | undefined) =>
      name === undefined ? `< ${angle ?? ''} >` : `[ ${slash ?? ''}${name} ]`,
  );
}

/**
 * Mistral instruct template: `<s>[INST] q1 [/INST] a1</s>[INST] q2 [/INST]`. The template has no
 * system role, so the system prompt (with any grounding context) opens the first user turn. A
 * trailing assistant turn stays open (no `</s>`) so the model continues it. Text is escaped
 * (`escapeMistralText`).
 * https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-mistral-text-completion.html
 */
export function mistralPrompt(request: CanonicalChatRequest): string {
  const grounded = groundedSystemPrompt(request.system, request.documents);
  const system = grounded === undefined ? undefined : escapeMistralText(grounded);
  const turns = mergeConsecutiveTurns(request.messages);
  const firstUser = turns.findIndex((turn) => turn.role === 'user');
  let prompt = '<s>';
  turns.forEach((turn, index) => {
    if (turn.role === 'user') {
      const content = escapeMistralText(turn.content);
      const text = index === firstUser && system ? `${system}\n\n${content}` : content;
      prompt += `[INST] ${text} [/INST]`;
    } else {
      prompt += ` ${escapeMistralText(turn.content)}${index === turns.length - 1 ? '' : '</s>'}`;
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

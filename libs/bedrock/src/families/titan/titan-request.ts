import { definedOnly, nonEmpty } from '../chat-turns';
import type { CanonicalChatRequest, ChatTurn } from '../family-strategy';
import { groundedSystemPrompt } from '../grounding-context';

/**
 * Titan Text has no system role and no message list (bedrock-wire.md §7.2), so the system prompt
 * (with any grounding context) leads the text and the turns follow as `User: …` / `Bot: …` lines,
 * ending with an open `Bot:` for the model to complete. A trailing assistant turn is left open as a prefill.
 * Text is escaped (`escapeTitanText`).
 * https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-titan-text.html
 */
export function buildTitanRequest(request: CanonicalChatRequest): Record<string, unknown> {
  return {
    inputText: titanInputText(request),
    textGenerationConfig: definedOnly({
      temperature: request.temperature,
      topP: request.topP,
      maxTokenCount: request.maxTokens,
      stopSequences: nonEmpty(titanNativeStops(request.stopSequences ?? [])),
    }),
  };
}

/**
 * Titan takes one stop sequence, and only `User:` or pipes (Bedrock refuses the rest: "string does not
 * match pattern ^(\|+|User:)$", "expected maximum item count: 1"; boto/boto3#3993). The first such
 * sequence is sent; the gateway cuts at the others.
 */
export function titanNativeStops(stops: readonly string[]): readonly string[] {
  const sendable = stops.find((stop) => TITAN_STOP.test(stop));
  return sendable === undefined ? [] : [sendable];
}

const TITAN_STOP = /^(\|+|User:)$/;

/** A line of text that would read as a turn of the transcript (any case, after any indent). */
const TURN_LINE = /^([ \t]*)(user|bot):/gim;

/**
 * Text put in the transcript with its turn lines escaped: a message holding `…\nBot: …\nUser: …` would
 * otherwise read as turns of its own. `User:` at a line start becomes `User :`, which is only text.
 */
export function escapeTitanText(text: string): string {
  return text.replace(TURN_LINE, '$1$2 :');
}

export function titanInputText(request: CanonicalChatRequest): string {
  const grounded = groundedSystemPrompt(request.system, request.documents);
  const preamble = grounded === undefined ? undefined : escapeTitanText(grounded);
  const lines = request.messages.map(titanLine);
  if (request.messages.at(-1)?.role !== 'assistant') lines.push('Bot:');
  const conversation = lines.join('\n');
  return preamble === undefined || preamble === '' ? conversation : `${preamble}\n\n${conversation}`;
}

function titanLine(turn: ChatTurn): string {
  return `${turn.role === 'user' ? 'User' : 'Bot'}: ${escapeTitanText(turn.content)}`;
}

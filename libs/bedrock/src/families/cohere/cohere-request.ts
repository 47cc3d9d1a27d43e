import { definedOnly } from '../chat-turns';
import { FamilyRequestError } from '../family-request.error';
import type { CanonicalChatRequest, ChatTurn, GroundingDocument } from '../family-strategy';

/**
 * Cohere Command R chat body (bedrock-wire.md §7.6): the last user turn is `message`, earlier turns are
 * `chat_history` (USER / CHATBOT), the system prompt is `preamble`, and grounding documents go in the
 * native `documents` field so Cohere can cite them. Cohere cannot continue an assistant turn, so a
 * conversation that ends with one is refused.
 * https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-cohere-command-r-plus.html
 */
export function buildCohereRequest(request: CanonicalChatRequest): Record<string, unknown> {
  const last = request.messages.at(-1);
  if (last === undefined || last.role !== 'user') {
    throw new FamilyRequestError('Cohere Command R needs the conversation to end with a user turn.');
  }
  const history = request.messages.slice(0, -1);
  return definedOnly({
    message: last.content,
    chat_history: history.length > 0 ? history.map(cohereHistoryEntry) : undefined,
    preamble: request.system || undefined, // "" would replace Cohere's default preamble with nothing
    documents: request.documents?.length ? request.documents.map(cohereDocument) : undefined,
    max_tokens: request.maxTokens,
    temperature: request.temperature,
    p: request.topP === undefined ? undefined : cohereTopP(request.topP),
    stop_sequences: request.stopSequences,
  });
}

/**
 * Command R's `p` runs from 0.01 to 0.99, where `top_p` runs from 0 to 1: the ends are taken to the
 * nearest value Cohere accepts (1, no cut, to 0.99; 0, the likeliest token only, to 0.01).
 */
export function cohereTopP(topP: number): number {
  return Math.min(COHERE_P_MAX, Math.max(COHERE_P_MIN, topP));
}

const COHERE_P_MIN = 0.01;
const COHERE_P_MAX = 0.99;

function cohereHistoryEntry(turn: ChatTurn): { role: 'USER' | 'CHATBOT'; message: string } {
  return { role: turn.role === 'user' ? 'USER' : 'CHATBOT', message: turn.content };
}

function cohereDocument(document: GroundingDocument): Record<string, unknown> {
  return definedOnly({ id: document.id, title: document.title, snippet: document.text });
}

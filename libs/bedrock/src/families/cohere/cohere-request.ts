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
    preamble: request.system,
    documents: request.documents?.length ? request.documents.map(cohereDocument) : undefined,
    max_tokens: request.maxTokens,
    temperature: request.temperature,
    p: request.topP,
    stop_sequences: request.stopSequences,
  });
}

function cohereHistoryEntry(turn: ChatTurn): { role: 'USER' | 'CHATBOT'; message: string } {
  return { role: turn.role === 'user' ? 'USER' : 'CHATBOT', message: turn.content };
}

function cohereDocument(document: GroundingDocument): Record<string, unknown> {
  return definedOnly({ id: document.id, title: document.title, snippet: document.text });
}

import type { CanonicalChatRequest, ChatTurn, ResolvedModel } from '@app/bedrock';
import { ApiError } from '../common/errors/api-error';
import type { GenerationFieldsDto } from './dto/chat-request.dto';

/** Output budget when neither the caller nor the catalog names one (a model behind an ARN hint). */
const FALLBACK_MAX_TOKENS = 1024;

/** `model` or its synonym `model_name`; both is fine only when they agree. */
export function requestedModel(dto: GenerationFieldsDto): string | undefined {
  if (dto.model !== undefined && dto.model_name !== undefined && dto.model !== dto.model_name) {
    throw ApiError.validation('model_name', 'is a synonym of model; send one of them');
  }
  return dto.model ?? dto.model_name;
}

/** The conversation: exactly one of `message` / `messages`, starting with a user turn. */
export function conversationOf(dto: { message?: string; messages?: ChatTurn[] }): ChatTurn[] {
  if (dto.message !== undefined && dto.messages !== undefined) {
    throw ApiError.validation('messages', 'must not be sent together with message');
  }
  if (dto.message !== undefined) return [{ role: 'user', content: dto.message }];
  if (dto.messages === undefined) throw ApiError.validation('message', 'is required (or send messages)');
  if (dto.messages[0]?.role !== 'user')
    throw ApiError.validation('messages.0.role', 'must be user: a conversation starts with the user');
  return dto.messages.map((turn) => ({ role: turn.role, content: turn.content }));
}

/** Builds the family-neutral request, checking what only the model can tell (its output limit). */
export function toCanonicalRequest(
  dto: GenerationFieldsDto,
  messages: ChatTurn[],
  model: ResolvedModel,
): CanonicalChatRequest {
  const catalog = model.catalog;
  if (catalog?.kind === 'embedding') {
    throw ApiError.validation('model', `${catalog.alias} is an embedding model; chat needs a text model`);
  }
  const limit = catalog?.maxOutputTokens;
  if (dto.max_tokens !== undefined && limit !== undefined && dto.max_tokens > limit) {
    throw ApiError.validation('max_tokens', `must not be greater than ${limit}`);
  }
  return {
    system: dto.system_prompt,
    messages,
    maxTokens: dto.max_tokens ?? catalog?.defaultMaxTokens ?? FALLBACK_MAX_TOKENS,
    temperature: dto.temperature,
    topP: dto.top_p,
    stopSequences: dto.stop_sequences,
  };
}

import type { ChatTurn } from '@app/bedrock';
import { ApiError } from '../common/errors/api-error';

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

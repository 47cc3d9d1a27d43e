import { Injectable } from '@nestjs/common';
import type { ResolvedModel } from '../../catalog/resolved-model';
import {
  FamilyStrategy,
  type CanonicalChatRequest,
  type CanonicalChatResult,
  type StreamChunkUpdate,
  type TokenHeaders,
} from '../family-strategy';
import { buildMistralChatRequest } from './mistral-chat-request';
import { parseMistralChatResponse, parseMistralChatStreamChunk } from './mistral-chat-response';

/** Mistral Large 2407 through the chat-completion form (`mistral-chat`). */
@Injectable()
export class MistralChatStrategy extends FamilyStrategy {
  readonly family = 'mistral' as const;

  supports(model: ResolvedModel): boolean {
    return model.schema === 'mistral-chat';
  }

  buildRequest(request: CanonicalChatRequest): Record<string, unknown> {
    return buildMistralChatRequest(request);
  }

  parseResponse(body: unknown, headers: TokenHeaders): CanonicalChatResult {
    return parseMistralChatResponse(body, headers);
  }

  parseStreamChunk(chunk: unknown): StreamChunkUpdate {
    return parseMistralChatStreamChunk(chunk);
  }
}

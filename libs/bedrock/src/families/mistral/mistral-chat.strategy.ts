import { Injectable } from '@nestjs/common';
import { noNativeStops } from '../chat-turns';
import { SchemaStrategy } from '../schema-strategy';
import { buildMistralChatRequest } from './mistral-chat-request';
import { parseMistralChatResponse, parseMistralChatStreamChunk } from './mistral-chat-response';

/** Mistral Large 2407 through the chat-completion form (`mistral-chat`). */
@Injectable()
export class MistralChatStrategy extends SchemaStrategy {
  readonly family = 'mistral' as const;
  protected readonly codec = {
    schema: 'mistral-chat' as const,
    buildRequest: buildMistralChatRequest,
    parseResponse: parseMistralChatResponse,
    parseStreamChunk: parseMistralChatStreamChunk,
    /** The chat form's documented body has no stop parameter (mistral-chat-request.ts). */
    nativeStops: noNativeStops,
  };
}

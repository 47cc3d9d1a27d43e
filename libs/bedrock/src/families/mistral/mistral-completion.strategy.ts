import { Injectable } from '@nestjs/common';
import type { ResolvedModel } from '../../catalog/resolved-model';
import {
  FamilyStrategy,
  type CanonicalChatRequest,
  type CanonicalChatResult,
  type StreamChunkUpdate,
  type TokenHeaders,
} from '../family-strategy';
import { buildMistralCompletionRequest } from './mistral-completion-request';
import {
  parseMistralCompletionResponse,
  parseMistralCompletionStreamChunk,
} from './mistral-completion-response';

/** Mistral 7B Instruct, Mixtral 8x7B, Mistral Large and Small 2402 through the `[INST]` template (`mistral-completion`). */
@Injectable()
export class MistralCompletionStrategy extends FamilyStrategy {
  readonly family = 'mistral' as const;

  supports(model: ResolvedModel): boolean {
    return model.schema === 'mistral-completion';
  }

  buildRequest(request: CanonicalChatRequest): Record<string, unknown> {
    return buildMistralCompletionRequest(request);
  }

  parseResponse(body: unknown, headers: TokenHeaders): CanonicalChatResult {
    return parseMistralCompletionResponse(body, headers);
  }

  parseStreamChunk(chunk: unknown): StreamChunkUpdate {
    return parseMistralCompletionStreamChunk(chunk);
  }
}

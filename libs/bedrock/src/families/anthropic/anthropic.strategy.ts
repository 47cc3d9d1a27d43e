import { Injectable } from '@nestjs/common';
import type { ResolvedModel } from '../../catalog/resolved-model';
import {
  FamilyStrategy,
  type CanonicalChatRequest,
  type CanonicalChatResult,
  type StreamChunkUpdate,
  type TokenHeaders,
} from '../family-strategy';
import { buildAnthropicRequest } from './anthropic-request';
import { parseAnthropicResponse } from './anthropic-response';
import { parseAnthropicStreamChunk } from './anthropic-stream';

/** Anthropic Claude through the Messages API (`anthropic-messages`). */
@Injectable()
export class AnthropicStrategy extends FamilyStrategy {
  readonly family = 'anthropic' as const;

  supports(model: ResolvedModel): boolean {
    return model.schema === 'anthropic-messages';
  }

  buildRequest(request: CanonicalChatRequest): Record<string, unknown> {
    return buildAnthropicRequest(request);
  }

  parseResponse(body: unknown, headers: TokenHeaders): CanonicalChatResult {
    return parseAnthropicResponse(body, headers);
  }

  parseStreamChunk(chunk: unknown): StreamChunkUpdate {
    return parseAnthropicStreamChunk(chunk);
  }
}

import { Injectable } from '@nestjs/common';
import type { ResolvedModel } from '../../catalog/resolved-model';
import {
  FamilyStrategy,
  type CanonicalChatRequest,
  type CanonicalChatResult,
  type StreamChunkUpdate,
  type TokenHeaders,
} from '../family-strategy';
import { buildLlamaRequest } from './llama-request';
import { parseLlamaResponse } from './llama-response';
import { parseLlamaStreamChunk } from './llama-stream';

/** Meta Llama 3, 3.1, 3.2 and 3.3 instruct models (`llama3`). */
@Injectable()
export class LlamaStrategy extends FamilyStrategy {
  readonly family = 'llama' as const;

  supports(model: ResolvedModel): boolean {
    return model.schema === 'llama3';
  }

  buildRequest(request: CanonicalChatRequest): Record<string, unknown> {
    return buildLlamaRequest(request);
  }

  parseResponse(body: unknown, headers: TokenHeaders): CanonicalChatResult {
    return parseLlamaResponse(body, headers);
  }

  parseStreamChunk(chunk: unknown): StreamChunkUpdate {
    return parseLlamaStreamChunk(chunk);
  }
}

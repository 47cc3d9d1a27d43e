import { Injectable } from '@nestjs/common';
import type { ResolvedModel } from '../../catalog/resolved-model';
import {
  FamilyStrategy,
  type CanonicalChatRequest,
  type CanonicalChatResult,
  type StreamChunkUpdate,
  type TokenHeaders,
} from '../family-strategy';
import { buildCohereRequest } from './cohere-request';
import { parseCohereResponse, parseCohereStreamChunk } from './cohere-response';

/** Cohere Command R and R+ (`cohere-command-r`). */
@Injectable()
export class CohereStrategy extends FamilyStrategy {
  readonly family = 'cohere' as const;

  supports(model: ResolvedModel): boolean {
    return model.schema === 'cohere-command-r';
  }

  buildRequest(request: CanonicalChatRequest): Record<string, unknown> {
    return buildCohereRequest(request);
  }

  parseResponse(body: unknown, headers: TokenHeaders): CanonicalChatResult {
    return parseCohereResponse(body, headers);
  }

  parseStreamChunk(chunk: unknown): StreamChunkUpdate {
    return parseCohereStreamChunk(chunk);
  }
}
